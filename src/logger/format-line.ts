import type {LogEntry} from "./log-output.js"

/** `<ISO timestamp> [<level>] <Subject>: <message>`; the timestamp is left out where the caller says so. */
export function formatLine({message, level, subject, timestamp}: LogEntry, {withTimestamp}: {withTimestamp: boolean}): string {
  const prefix = withTimestamp ? `${timestamp.toISOString()} [${level}]` : `[${level}]`

  return subject ? `${prefix} ${subject}: ${message}` : `${prefix} ${message}`
}
