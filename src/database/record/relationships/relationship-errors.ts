import {DatabaseError} from "../../drivers/base/errors.js"

export class RelationshipNotLoadedError extends DatabaseError {
  override name = "RelationshipNotLoadedError"
}
