const reported = new WeakSet<object>()

/**
 * Tells the developer once per `key` (an output, a configuration) that logging is broken.
 * Goes straight to stderr because the loggers themselves are what failed.
 */
export function reportLoggingProblemOnce(key: object, text: string): void {
  if (reported.has(key)) return

  reported.add(key)

  try {
    if (typeof process !== "undefined" && typeof process.stderr?.write === "function") {
      process.stderr.write(`${text}\n`)
    } else {
      console.error(text)
    }
  } catch {
    // Nowhere left to report to; losing the report beats crashing the app over a log line.
  }
}
