import {flat} from "../utils/flat-string.js"
import type {TimedLogEntry} from "./log-output.js"

// The ISO text up to the seconds is the same for every line within a second, and only the
// milliseconds change between lines: toISOString() formats through C's printf, several
// thousand instructions a call (callgrind, bench/http/instructions.mjs), more than the rest
// of a request line.
let secondStartMs = Number.NaN
let secondPrefix = ""

/** The ISO timestamp and the space after it. */
function timestampAndSpace(ms: number): string {
  const fraction = ms - secondStartMs

  if (!(fraction >= 0 && fraction < 1000)) {
    const timestamp = new Date(ms)
    const text = timestamp.toISOString()

    // Years outside 0000-9999 are written with a sign and six digits: left to toISOString().
    if (text.length !== 24) return `${text} `

    secondStartMs = ms - timestamp.getUTCMilliseconds()
    secondPrefix = text.slice(0, 20)

    return `${text} `
  }

  return `${secondPrefix}${millisecondsAndSpace[fraction]}`
}

// "000Z " to "999Z ": the line is then three pieces (see prefixOf()).
const millisecondsAndSpace = Array.from({length: 1000}, (_, index) => `${String(index).padStart(3, "0")}Z `)

/** `<ISO timestamp> [<level>] <Subject>: <message>`; the timestamp is left out where the caller says so. */
export function formatLine(entry: TimedLogEntry, {withTimestamp}: {withTimestamp: boolean}): string {
  // Made once per entry and kept on it for the next output: the console and the file write the
  // same line, the file's with the timestamp in front. Both are joins the buffered writers keep
  // as they are until they encode a few lines at once (buffered-writer.ts), so the file's line
  // shares the console's rather than copying it, and neither is flattened per line (until
  // 2026-12 the file's line was made first and the console wrote a slice of it, which
  // flattened it). Kept on the entry rather than in this module: as module variables each line
  // stored young values in old-space variables, about 150 instructions of write barrier a line.
  let line = entry.line

  if (line === undefined || entry.lineMessage !== entry.message) {
    entry.lineMessage = entry.message
    entry.timestampedLine = undefined
    line = entry.line = prefixOf(entry) + entry.message
  }

  if (!withTimestamp) return line

  return entry.timestampedLine ??= timestampAndSpace(entry.timestampMs) + line
}

// `[info] HttpServer: ` for the last level and subject: a logger writes many lines with the same
// two. Kept flat (see below), as a line made of many short pieces costs more to write out than
// its length (V8 copies it piece by piece when the batch is joined).
let prefixLevel = ""
let prefixSubject = ""
let prefix = ""

function prefixOf({level, subject}: TimedLogEntry): string {
  if (level !== prefixLevel || subject !== prefixSubject) {
    prefixLevel = level
    prefixSubject = subject
    prefix = flat(subject ? `[${level}] ${subject}: ` : `[${level}] `)
  }

  return prefix
}
