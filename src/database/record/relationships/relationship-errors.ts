import {DatabaseError} from "../../drivers/base/errors.js"
import {capitalize} from "../../../utils/inflection.js"

export class RelationshipNotLoadedError extends DatabaseError {
  override name = "RelationshipNotLoadedError"
}

export function notLoadedError(modelName: string, name: string): RelationshipNotLoadedError {
  const loader = `load${capitalize(name)}`

  return new RelationshipNotLoadedError(`${modelName}#${name} is not loaded: use ${modelName}.preload({${name}: true}) or await record.${loader}()`)
}
