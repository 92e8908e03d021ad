/** A command the backend refused: errorType is the server's error class (RecordNotFoundError, AccessDeniedError, ValidationError, ...). */
export class FrontendModelError extends Error {
  override name = "FrontendModelError"
  readonly errorType: string
  readonly status: number
  /** For ValidationError: attribute → messages, as the backend's record.errors has them. */
  readonly validationErrors: {[attribute: string]: string[]}

  constructor({errorMessage, errorType, status, validationErrors}: {errorMessage: string, errorType: string, status: number, validationErrors?: {[attribute: string]: string[]}}) {
    super(errorMessage)
    this.errorType = errorType
    this.status = status
    this.validationErrors = validationErrors || {}
  }
}
