import {checkKeys} from "../utils/check-keys.js"
import {checkLogLevels, defaultLogLevels, type LogLevel} from "./log-levels.js"
import type {LogEntry, LogOutputConfig} from "./log-output.js"

export interface BaseLoggerOptions {
  levels?: LogLevel[]
}

/**
 * A log destination. Subclasses implement either write() to do the writing themselves, or
 * toOutputConfig() to describe a built-in output ({type: "console"} or {type: "file", path?})
 * that the framework writes to. When both exist, write() wins, so a subclass of ConsoleLogger
 * can take over its own writing.
 */
export default class BaseLogger {
  // A subclass with options of its own lists them here, so unknown keys are still rejected.
  static optionKeys: readonly string[] = ["levels"]

  private readonly levels: readonly LogLevel[]

  constructor(options: BaseLoggerOptions = {}) {
    const where = `new ${new.target.name}()`

    checkKeys(options, (new.target as typeof BaseLogger).optionKeys, where)

    this.levels = Object.freeze(options.levels === undefined ? [...defaultLogLevels] : checkLogLevels(options.levels, where))
  }

  getLevels(): readonly LogLevel[] {
    return this.levels
  }

  write?(entry: LogEntry): Promise<void>

  toOutputConfig?(): LogOutputConfig
}
