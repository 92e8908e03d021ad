import type Configuration from "../configuration.js"
import type {LoggingOptions} from "../configuration/options.js"
import {checkKeys} from "../utils/check-keys.js"
import type BaseLogger from "./base-logger.js"
import ConsoleLogger from "./console-logger.js"
import FileLogger from "./file-logger.js"
import {checkLogLevels, defaultLogLevels} from "./log-levels.js"

export class LoggingOptionsError extends Error {
  override name = "LoggingOptionsError"
}

const loggingOptionKeys: readonly (keyof LoggingOptions)[] = ["console", "file", "directory", "filePath", "levels", "loggers"]

// These describe the built-in outputs, which an explicit `loggers` list replaces.
const builtInOutputKeys: readonly (keyof LoggingOptions)[] = ["console", "file", "levels"]

/**
 * The loggers the `logging` option asks for: an explicit `loggers` list as given, otherwise a
 * console logger (unless `console: false`) plus a file logger when `file: true`, both with
 * `levels` (default info, warn, error). `directory` and `filePath` are read when the file
 * output is built, so they also apply to a FileLogger without a path.
 */
export function loggersFromConfiguration(configuration: Configuration): BaseLogger[] {
  const logging = configuration.getLoggingOptions()

  checkKeys(logging, loggingOptionKeys, "the `logging` configuration")

  if (logging.loggers !== undefined) return explicitLoggers(logging)

  const levels = logging.levels === undefined ? [...defaultLogLevels] : checkLogLevels(logging.levels, "the `logging` configuration")
  const loggers: BaseLogger[] = []

  if (logging.console !== false) loggers.push(new ConsoleLogger({levels}))
  if (logging.file === true) loggers.push(new FileLogger({levels}))

  return loggers
}

function explicitLoggers(logging: LoggingOptions): BaseLogger[] {
  const {loggers} = logging

  if (!Array.isArray(loggers)) {
    throw new LoggingOptionsError(`logging.loggers must be an array of logger instances such as [new ConsoleLogger()], got ${typeof loggers}`)
  }

  const conflicting = builtInOutputKeys.filter((key) => logging[key] !== undefined)

  if (conflicting.length > 0) {
    throw new LoggingOptionsError(
      `logging.loggers replaces the built-in outputs, so ${conflicting.map((key) => `logging.${key}`).join(" and ")} would be ignored: remove it, or add a ConsoleLogger / FileLogger with those levels to logging.loggers`
    )
  }

  loggers.forEach((logger, index) => {
    // Duck-typed rather than instanceof, so loggers from a second copy of the package still count.
    if (!logger || typeof (logger as {getLevels?: unknown}).getLevels !== "function") {
      throw new LoggingOptionsError(`logging.loggers[${index}] is not a logger: pass instances of BaseLogger subclasses, e.g. new ConsoleLogger({levels: ["info"]})`)
    }
  })

  return [...loggers]
}
