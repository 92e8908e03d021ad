import type {LogLevel} from "./log-levels.js"

export interface LogEntry {
  /** The formatted message, without level, subject or timestamp. */
  message: string
  level: LogLevel
  subject: string
  timestamp: Date
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
  writeNow?(entry: LogEntry): void
}

/** The declarative form a logger returns from toOutputConfig(); the framework owns the writing. */
export type LogOutputConfig =
  | {type: "console"}
  | {type: "file", path?: string}
