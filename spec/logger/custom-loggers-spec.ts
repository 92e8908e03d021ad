import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import NodeEnvironmentHandler from "velocious/build/src/environment-handlers/node.js"
import Logger from "velocious/build/src/logger.js"
import BaseLogger, {type BaseLoggerOptions} from "velocious/build/src/logger/base-logger.js"
import FileLogger from "velocious/build/src/logger/file-logger.js"
import type {LogEntry, LogOutputConfig} from "velocious/build/src/logger/log-output.js"
import {captureConsole, catchError, closeLogFiles, makeTmpDirectory, readLines, withoutTimestamps} from "./support/helpers.js"

describe("Custom loggers", () => {
  it("calls write() with the message, level, subject and timestamp", async () => {
    const entries: LogEntry[] = []

    class MemoryLogger extends BaseLogger {
      override async write(entry: LogEntry) {
        entries.push(entry)
      }
    }

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new MemoryLogger({levels: ["warn"]})]}})

    await configuration.initialize()

    const logger = new Logger("Jobs", {configuration})

    await logger.info("skipped")
    await logger.warn("Queue is", {size: 120})

    expect(entries.length).toBe(1)
    expect(entries[0].message).toBe("Queue is {size: 120}")
    expect(entries[0].level).toBe("warn")
    expect(entries[0].subject).toBe("Jobs")
    expect(entries[0].timestamp instanceof Date).toBe(true)
  })

  it("works like the README's MyLogger, which only reads the message", async () => {
    class MyLogger extends BaseLogger {
      override async write({message}: LogEntry) {
        console.log(message)
      }
    }

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new MyLogger()]}})

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Subject", {configuration}).info("plain message"))

    expect(captured.log).toEqual(["plain message"])
  })

  it("turns toOutputConfig() into the built-in console and file outputs", async () => {
    const tmp = makeTmpDirectory()

    class AuditLogger extends BaseLogger {
      override toOutputConfig(): LogOutputConfig {
        return {type: "file", path: "log/audit.log"}
      }
    }

    class ShoutLogger extends BaseLogger {
      override toOutputConfig(): LogOutputConfig {
        return {type: "console"}
      }
    }

    const configuration = new Configuration({directory: tmp, environment: "test", logging: {loggers: [new AuditLogger({levels: ["error"]}), new ShoutLogger({levels: ["error"]})]}})

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Audit", {configuration}).error("Permission denied"))

    await closeLogFiles(configuration)

    expect(captured.error).toEqual(["[error] Audit: Permission denied"])
    expect(withoutTimestamps(readLines(path.join(tmp, "log", "audit.log")))).toEqual(["[error] Audit: Permission denied"])
  })

  it("lets write() take over from a built-in logger it extends", async () => {
    const messages: string[] = []

    class QuietFileLogger extends FileLogger {
      override async write({message}: LogEntry) {
        messages.push(message)
      }
    }

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new QuietFileLogger()]}})

    await configuration.initialize()
    await new Logger("Quiet", {configuration}).info("kept in memory")

    expect(messages).toEqual(["kept in memory"])
  })

  it("fails at initialize() for a logger that implements neither write() nor toOutputConfig()", async () => {
    class IncompleteLogger extends BaseLogger {}

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new IncompleteLogger()]}})
    const error = await catchError(() => configuration.initialize()) as Error

    expect(error.name).toBe("LoggerWithoutOutputError")
    expect(error.message).toBe("IncompleteLogger extends BaseLogger but implements neither write({message, level, subject, timestamp}) nor toOutputConfig(): add one of them, or extend ConsoleLogger or FileLogger instead")
  })

  it("fails at initialize() for an unknown output type", async () => {
    class OddLogger extends BaseLogger {
      override toOutputConfig(): LogOutputConfig {
        return {type: "syslog"} as never
      }
    }

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new OddLogger()]}})
    const error = await catchError(() => configuration.initialize()) as Error

    expect(error.name).toBe("UnknownLogOutputError")
    expect(error.message).toBe("OddLogger.toOutputConfig() returned type \"syslog\": return {type: \"console\"} or {type: \"file\", path?}, or implement write() instead")
  })

  it("rejects unknown logger options, and accepts a subclass's own ones through optionKeys", async () => {
    const error = await catchError(() => new FileLogger({levels: ["info"], pth: "log/x.log"} as never)) as Error

    expect(error.message).toBe("Unknown option 'pth' given to new FileLogger(). Did you mean 'path'? Valid options: levels, path")

    class RemoteLogger extends BaseLogger {
      static override optionKeys = [...BaseLogger.optionKeys, "url"]

      readonly url: string

      constructor(options: BaseLoggerOptions & {url: string}) {
        super(options)
        this.url = options.url
      }

      override async write() {}
    }

    expect(new RemoteLogger({url: "https://logs.example.com", levels: ["error"]}).url).toBe("https://logs.example.com")
  })

  it("resolves and writes files through a custom environment handler", async () => {
    const tmp = makeTmpDirectory()
    const written: {path: string, message: string}[] = []

    class RecordingHandler extends NodeEnvironmentHandler {
      override getDefaultLogDirectory(): string {
        return path.join(tmp, "elsewhere")
      }

      override async writeLogToFile(args: {path: string, message: string}): Promise<void> {
        written.push(args)
      }
    }

    const configuration = new Configuration({directory: tmp, environment: "staging", environmentHandler: new RecordingHandler(), logging: {console: false, file: true}})

    await configuration.initialize()
    await new Logger("Handler", {configuration}).info("redirected")

    expect(written.length).toBe(1)
    expect(written[0].path).toBe(path.join(tmp, "elsewhere", "staging.log"))
    expect(withoutTimestamps([written[0].message])).toEqual(["[info] Handler: redirected"])
  })

  it("uses a custom getLogFilePath()", async () => {
    const tmp = makeTmpDirectory()

    class DatedHandler extends NodeEnvironmentHandler {
      override getLogFilePath({environment}: {environment: string}): string {
        return path.join(tmp, `${environment}-custom.log`)
      }
    }

    const configuration = new Configuration({directory: tmp, environment: "test", environmentHandler: new DatedHandler(), logging: {console: false, file: true}})

    await configuration.initialize()
    await new Logger("Handler", {configuration}).info("custom path")
    await closeLogFiles(configuration)

    expect(withoutTimestamps(readLines(path.join(tmp, "test-custom.log")))).toEqual(["[info] Handler: custom path"])
  })
})
