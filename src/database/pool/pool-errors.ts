import {DatabaseError} from "../drivers/base/errors.js"

export class PoolTimeoutError extends DatabaseError {
  override name = "PoolTimeoutError"
}

export class NoCurrentConnectionError extends DatabaseError {
  override name = "NoCurrentConnectionError"
}
