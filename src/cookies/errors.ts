export class MissingCookieSecretError extends Error {
  override name = "MissingCookieSecretError"
}

export class InvalidCookieError extends Error {
  override name = "InvalidCookieError"
}
