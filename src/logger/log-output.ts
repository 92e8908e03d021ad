import type {LogLevel} from "./log-levels.js"

export interface LogEntry {
  /** The formatted message, without level, subject or timestamp. */
  message: string
  level: LogLevel
  subject: string
  timestamp: Date
}

/**
 * The entry the built-in outputs take (LogOutput#writeNow): the time as epoch milliseconds.
 * Constructing a Date per line was about 700 instructions of a request's log line (callgrind),
 * and the outputs only need the number; outputs that take a LogEntry get a Date made from it.
 */
export interface TimedLogEntry {
  message: string
  level: LogLevel
  subject: string
  timestampMs: number
  /**
   * `[<level>] <Subject>: <message>` and the same with the timestamp in front, made by the first
   * output that needs each (format-line.ts) and kept here for the next: the console and the file
   * write the same line. `lineMessage` is the message they were made from, in case an output
   * changed the message. Created with the entry so setting them does not change its shape.
   */
  line: string | undefined
  timestampedLine: string | undefined
  lineMessage: string | undefined
}

/** A TimedLogEntry whose line is still to be made. */
export function timedEntry(message: string, level: LogLevel, subject: string, timestampMs: number): TimedLogEntry {
  return {message, level, subject, timestampMs, line: undefined, timestampedLine: undefined, lineMessage: undefined}
}

/** A LogEntry's fields for the built-in outputs. */
export function timedEntryOf({message, level, subject, timestamp}: LogEntry): TimedLogEntry {
  return timedEntry(message, level, subject, timestamp.getTime())
}

/** What a logger becomes once the framework has resolved it against a configuration. */
export interface LogOutput {
  /** Names the output in failure reports. */
  name: string
  levels: readonly LogLevel[]
  write(entry: LogEntry): Promise<void>
  /**
   * The built-in outputs also write synchronously into a memory buffer (buffered-writer.ts);
   * the logger uses this when present, so a log line on the request path costs no promises.
   * Throws where write() would reject.
   */
  writeNow?(entry: TimedLogEntry): void
}

/** The declarative form a logger returns from toOutputConfig(); the framework owns the writing. */
export type LogOutputConfig =
  | {type: "console"}
  | {type: "file", path?: string}
