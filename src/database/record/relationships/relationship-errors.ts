import {DatabaseError} from "../../drivers/base/errors.js"

export class RelationshipNotLoadedError extends DatabaseError {
  override name = "RelationshipNotLoadedError"
}

export function notLoadedError(modelName: string, name: string): RelationshipNotLoadedError {
  const loader = `load${name.charAt(0).toUpperCase()}${name.slice(1)}`

  return new RelationshipNotLoadedError(`${modelName}#${name} is not loaded: use ${modelName}.preload({${name}: true}) or await record.${loader}()`)
}
