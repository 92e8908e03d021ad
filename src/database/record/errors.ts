import {DatabaseError} from "../drivers/base/errors.js"

export class RecordNotFoundError extends DatabaseError {
  override name = "RecordNotFoundError"
}

export class UnknownAttributeError extends DatabaseError {
  override name = "UnknownAttributeError"
}

export class RecordNotInitializedError extends DatabaseError {
  override name = "RecordNotInitializedError"
}

/** The model's table does not exist (yet): migrations are pending, or the table name is wrong. */
export class ModelTableMissingError extends RecordNotInitializedError {
  override name = "ModelTableMissingError"
}

/** `save()` of an invalid record; `record.errors` holds the details. */
export class ValidationError extends DatabaseError {
  override name = "ValidationError"
  readonly record: unknown
  readonly messages: string[]

  constructor(record: {constructor: {name: string}}, messages: string[]) {
    super(`Validation failed for ${record.constructor.name}: ${messages.join(", ")}`)
    this.record = record
    this.messages = messages
  }
}
