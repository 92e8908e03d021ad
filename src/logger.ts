import Configuration from "./configuration.js"
import {checkKeys} from "./utils/check-keys.js"
import {formatMessages, formatMessagesNow} from "./logger/format-messages.js"
import {inspectValue} from "./logger/inspect-value.js"
import type {LogLevel} from "./logger/log-levels.js"
import {timedEntry, type LogEntry, type LogOutput, type TimedLogEntry} from "./logger/log-output.js"
import {defaultLogOutputs, logOutputsFor} from "./logger/log-outputs.js"
import {reportLoggingProblemOnce} from "./logger/report-logging-problem.js"
import {wallClockMs, wallClockMsAt} from "./logger/wall-clock.js"

export interface LoggerOptions {
  /** Defaults to Configuration.current() at the time of each log call, when one is set. */
  configuration?: Configuration
  debug?: boolean
}

/** A string, a class (its name is used) or an instance (its class name is used). */
export type LoggerSubject = string | Function | object

/**
 * Writes `[<level>] <Subject>: <message>` lines to the configuration's loggers.
 *
 * Debug: when this logger's debug flag or configuration.isDebug() is on, every line, debug
 * included, goes to every output whatever levels it lists; otherwise each output only gets
 * the levels it lists. `debug: false` (the default) therefore means "follow the
 * configuration", not "never verbose", and setDebug(true) turns one logger verbose.
 *
 * Every method resolves once all outputs have written and never rejects: a failing output is
 * reported once on stderr and the others still write.
 */
export default class Logger {
  private readonly subject: string
  private readonly configuration: Configuration | undefined
  private debugEnabled: boolean
  private outputsByLevel: {configuration: Configuration | undefined, loggers: readonly unknown[] | undefined, verbose: boolean, outputs: Partial<Record<LogLevel, LogOutput[]>>} | undefined

  constructor(subject: LoggerSubject, options: LoggerOptions = {}) {
    checkKeys(options, ["configuration", "debug"], "new Logger()")

    this.subject = subjectName(subject)
    this.configuration = options.configuration
    this.debugEnabled = Boolean(options.debug)
  }

  debug(...messages: unknown[]): Promise<void> {
    return this.log("debug", messages)
  }

  info(...messages: unknown[]): Promise<void> {
    return this.log("info", messages)
  }

  warn(...messages: unknown[]): Promise<void> {
    return this.log("warn", messages)
  }

  error(...messages: unknown[]): Promise<void> {
    return this.log("error", messages)
  }

  getDebug(): boolean {
    return this.debugEnabled
  }

  setDebug(debug: boolean): void {
    this.debugEnabled = Boolean(debug)
  }

  getSubject(): string {
    return this.subject
  }

  /**
   * Whether a line at `level` would reach any output right now. log() checks the same itself;
   * this is for callers on a hot path that want to skip building the message (and its closure).
   */
  isLevelEnabled(level: LogLevel): boolean {
    try {
      return this.outputsAt(level, this.resolveConfiguration()).length > 0
    } catch {
      // log() reports the problem when the line is written.
      return true
    }
  }

  /**
   * @internal info() for a message that is one string, at `monotonicNowMs` (a performance.now()
   * reading the caller took anyway): for the request line, logged once per request, which this
   * saves the arguments array, the message formatting, a clock reading and a promise. Never throws.
   */
  infoLineAt(message: string, monotonicNowMs: number): void {
    try {
      const outputs = this.outputsAt("info", this.resolveConfiguration())

      if (outputs.length === 0) return

      void writeEntry(timedEntry(message, "info", this.subject, wallClockMsAt(monotonicNowMs)), outputs)
    } catch (error) {
      this.reportFailure(error)
    }
  }

  // Not async: a line no output wants costs no promise, no formatting and no array.
  private log(level: LogLevel, messages: unknown[]): Promise<void> {
    try {
      const configuration = this.resolveConfiguration()
      const outputs = this.outputsAt(level, configuration)

      // Checked before formatting, so function messages are never evaluated for nothing.
      if (outputs.length === 0) return resolved

      const message = formatMessagesNow(messages)

      if (message === undefined) return this.write(level, messages, outputs)

      return writeEntry(timedEntry(message, level, this.subject, wallClockMs()), outputs)
    } catch (error) {
      this.reportFailure(error)

      return resolved
    }
  }

  private async write(level: LogLevel, messages: unknown[], outputs: LogOutput[]): Promise<void> {
    try {
      const entry = timedEntry(await formatMessages(messages), level, this.subject, wallClockMs())

      await writeEntry(entry, outputs)
    } catch (error) {
      this.reportFailure(error)
    }
  }

  private reportFailure(error: unknown): void {
    reportLoggingProblemOnce(this, `Velocious logger "${this.subject}" failed: ${inspectValue(error)}`)
  }

  /**
   * The outputs that take `level`: all of them when verbose (see the class comment). Worked out
   * once per level and kept while the configuration, its loggers array (setLoggers() replaces
   * it) and the debug flags stay the same: a request line asks twice (isLevelEnabled(), then
   * info()), and filtering the outputs each time was a measurable part of logging it.
   */
  private outputsAt(level: LogLevel, configuration: Configuration | undefined): LogOutput[] {
    const loggers = configuration === undefined ? undefined : loggersOf(configuration)
    const verbose = this.debugEnabled || Boolean(configuration?.isDebug())
    let known = this.outputsByLevel

    if (known === undefined || known.configuration !== configuration || known.loggers !== loggers || known.verbose !== verbose) {
      known = this.outputsByLevel = {configuration, loggers, verbose, outputs: {}}
    }

    return known.outputs[level] ??= this.outputsTaking(level, configuration, verbose)
  }

  private outputsTaking(level: LogLevel, configuration: Configuration | undefined, verbose: boolean): LogOutput[] {
    const outputs = this.outputsFor(configuration)

    if (verbose || outputs.every(takesLevel, level)) return outputs

    return outputs.filter(takesLevel, level)
  }

  private resolveConfiguration(): Configuration | undefined {
    if (this.configuration) return this.configuration
    if (Configuration.hasCurrent()) return Configuration.current()

    return undefined
  }

  private outputsFor(configuration: Configuration | undefined): LogOutput[] {
    if (!configuration) return defaultLogOutputs()

    try {
      return logOutputsFor(configuration)
    } catch (error) {
      // Misconfigured logging should be fixed, but not by losing the lines meanwhile.
      reportLoggingProblemOnce(configuration, `Velocious logging is misconfigured, so lines go to the console until it is fixed: ${inspectValue(error)}`)

      return defaultLogOutputs()
    }
  }
}

/** Writes to every output; resolves at once when they all wrote synchronously (LogOutput#writeNow). */
function writeEntry(entry: TimedLogEntry, outputs: LogOutput[]): Promise<void> {
  let pending: Promise<void>[] | undefined
  // For outputs without writeNow (custom loggers' write()), made once for all of them.
  let dated: LogEntry | undefined

  for (let index = 0; index < outputs.length; index++) {
    const output = outputs[index]

    if (output.writeNow) {
      try {
        output.writeNow(entry)
      } catch (error) {
        reportOutputFailure(output, error)
      }
    } else {
      dated ||= {message: entry.message, level: entry.level, subject: entry.subject, timestamp: new Date(entry.timestampMs)}
      ;(pending ||= []).push(writeSafely(output, dated))
    }
  }

  if (!pending) return resolved

  return Promise.all(pending).then(nothing)
}

function nothing(): void {}

/** Undefined when they cannot be built (outputsFor() then reports it and falls back to the console). */
function loggersOf(configuration: Configuration): readonly unknown[] | undefined {
  try {
    return configuration.getLoggers()
  } catch {
    return undefined
  }
}

function reportOutputFailure(output: LogOutput, error: unknown): void {
  reportLoggingProblemOnce(output, `Velocious log output ${output.name} failed and its further failures will not be reported: ${inspectValue(error)}`)
}

async function writeSafely(output: LogOutput, entry: LogEntry): Promise<void> {
  try {
    await output.write(entry)
  } catch (error) {
    reportOutputFailure(output, error)
  }
}

const resolved: Promise<void> = Promise.resolve()

// Called with the level as `this`, so checking a level allocates no closure (it runs per request).
function takesLevel(this: LogLevel, output: LogOutput): boolean {
  return output.levels.includes(this)
}

function subjectName(subject: LoggerSubject): string {
  if (typeof subject === "string") return subject
  if (typeof subject === "function") return subject.name
  if (subject && typeof subject === "object") return subject.constructor?.name || "Object"

  throw new TypeError(`new Logger() needs a subject such as "Server" or a class, got ${String(subject)}`)
}
