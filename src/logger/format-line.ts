import type {LogEntry} from "./log-output.js"

// A busy server logs many lines within one millisecond: the ISO text of the last one is kept, as
// toISOString() is a measurable part of writing a line.
let lastTimestampMs = Number.NaN
let lastTimestampText = ""

function isoTimestamp(timestamp: Date): string {
  const ms = timestamp.getTime()

  if (ms !== lastTimestampMs) {
    lastTimestampMs = ms
    lastTimestampText = timestamp.toISOString()
  }

  return lastTimestampText
}

/** `<ISO timestamp> [<level>] <Subject>: <message>`; the timestamp is left out where the caller says so. */
export function formatLine({message, level, subject, timestamp}: LogEntry, {withTimestamp}: {withTimestamp: boolean}): string {
  const prefix = withTimestamp ? `${isoTimestamp(timestamp)} [${level}]` : `[${level}]`

  return subject ? `${prefix} ${subject}: ${message}` : `${prefix} ${message}`
}
