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

// Set once a file output exists (file-output.ts): lines are then made with their timestamp, and
// the console writes the part after it (see formatLine()).
let timestampedLines = false

/** Lines from now on are made once with their timestamp, for outputs with and without it. */
export function wantTimestampedLines(): void {
  timestampedLines = true
}

/** `<ISO timestamp> [<level>] <Subject>: <message>`; the timestamp is left out where the caller says so. */
export function formatLine(entry: TimedLogEntry, {withTimestamp}: {withTimestamp: boolean}): string {
  // Made once per entry and kept on it for the next output: the console and the file write the
  // same line. With a file output the line is made with its timestamp, and the console gets the
  // slice after it: writing a line out flattens it (V8 copies its pieces into one string), and
  // the slice of a flat string is a view of it, where the timestamp joined to a console line
  // made first made the file's line a second string to flatten. Kept on the entry rather than in
  // this module: as module variables each line stored young values in old-space variables,
  // about 150 instructions of write barrier a line.
  let line = entry.line

  if (line === undefined || entry.lineMessage !== entry.message) {
    entry.lineMessage = entry.message

    if (timestampedLines) {
      const timestamp = timestampAndSpace(entry.timestampMs)

      entry.timestampLength = timestamp.length
      line = entry.line = timestamp + prefixOf(entry) + entry.message
    } else {
      entry.timestampLength = 0
      line = entry.line = prefixOf(entry) + entry.message
    }
  }

  const timestampLength = entry.timestampLength

  if (withTimestamp) return timestampLength > 0 ? line : timestampAndSpace(entry.timestampMs) + line

  return timestampLength > 0 ? line.slice(timestampLength) : line
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
