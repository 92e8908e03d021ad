/** A problem with the folder init runs in (e.g. an unreadable package.json); the message says what to fix. */
export class InitError extends Error {
  override name = "InitError"
}
