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
}

/** The declarative form a logger returns from toOutputConfig(); the framework owns the writing. */
export type LogOutputConfig =
  | {type: "console"}
  | {type: "file", path?: string}
