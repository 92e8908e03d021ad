import {HttpError} from "../errors.js"

/** A security option that cannot work as given; the message says what to pass instead. */
export class SecurityConfigurationError extends TypeError {
  override name = "SecurityConfigurationError"
}

/** Rails' ActionController::InvalidAuthenticityToken: answered 422. */
export class InvalidAuthenticityTokenError extends HttpError {
  override name = "InvalidAuthenticityTokenError"

  constructor(message: string) {
    super(422, message)
  }
}
