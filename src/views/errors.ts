export class MissingViewError extends Error {
  override name = "MissingViewError"
}

export class InvalidViewNameError extends Error {
  override name = "InvalidViewNameError"
}
