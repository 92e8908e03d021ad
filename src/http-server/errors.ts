/** An error that maps to an HTTP status; its message is safe to show to the client. */
export class HttpError extends Error {
  override name = "HttpError"

  constructor(readonly status: number, message: string) {
    super(message)
  }
}

export class BadRequestError extends HttpError {
  override name = "BadRequestError"

  constructor(message: string) {
    super(400, message)
  }
}

export class PayloadTooLargeError extends HttpError {
  override name = "PayloadTooLargeError"

  constructor(limit: number) {
    super(413, `The request body is larger than the limit of ${limit} bytes`)
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override name = "UnsupportedMediaTypeError"

  constructor(message: string) {
    super(415, message)
  }
}

export class RouteNotFoundError extends HttpError {
  override name = "RouteNotFoundError"

  constructor(method: string, path: string) {
    super(404, `No route matches ${method} ${path}`)
  }
}

export class ActionNotFoundError extends HttpError {
  override name = "ActionNotFoundError"

  constructor(controllerName: string, action: string, file: string) {
    super(404, `The action '${action}' could not be found for ${controllerName} (${file}). Add an \`async ${action}()\` method to it`)
  }
}

export class ControllerNotFoundError extends Error {
  override name = "ControllerNotFoundError"
}

/** A server option (maxBodyBytes, timeouts) that is not usable, named with what to pass instead. */
export class HttpServerOptionError extends TypeError {
  override name = "HttpServerOptionError"
}
