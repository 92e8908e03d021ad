import fs from "node:fs"
import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import BrowserEnvironmentHandler from "velocious/build/src/environment-handlers/browser.js"
import Logger from "velocious/build/src/logger.js"
import BaseLogger from "velocious/build/src/logger/base-logger.js"
import ConsoleLogger from "velocious/build/src/logger/console-logger.js"
import type {LogEntry} from "velocious/build/src/logger/log-output.js"
import FileLogger from "velocious/build/src/logger/file-logger.js"
import {captureConsole, captureStderr, catchError, closeLogFiles, makeTmpDirectory} from "./support/helpers.js"

describe("Logging failures", () => {
  it("reports a failing output once on stderr and still writes to the others", async () => {
    let attempts = 0

    class BrokenLogger extends BaseLogger {
      override async write(_entry: LogEntry) {
        attempts++
        throw new Error("disk full")
      }
    }

    class ThrowingLogger extends BaseLogger {
      override write(_entry: LogEntry): Promise<void> {
        throw new Error("thrown before any promise")
      }
    }

    const configuration = new Configuration({
      directory: makeTmpDirectory(),
      environment: "test",
      logging: {loggers: [new BrokenLogger(), new ThrowingLogger(), new ConsoleLogger()]}
    })

    await configuration.initialize()

    const logger = new Logger("Resilient", {configuration})
    let captured = {log: [] as string[]}
    const stderr = await captureStderr(async () => {
      captured = await captureConsole(async () => {
        await logger.info("first")
        await logger.info("second")
      })
    })

    expect(attempts).toBe(2)
    expect(captured.log).toEqual(["[info] Resilient: first", "[info] Resilient: second"])
    // Outputs write in parallel, so the reports may come in either order.
    const reports = [...stderr].sort()

    expect(reports.length).toBe(2)
    expect(reports[0].startsWith("Velocious log output BrokenLogger failed and its further failures will not be reported: Error: disk full")).toBe(true)
    expect(reports[1].startsWith("Velocious log output ThrowingLogger failed and its further failures will not be reported: Error: thrown before any promise")).toBe(true)
  })

  it("resolves rather than rejects when every output fails", async () => {
    class BrokenLogger extends BaseLogger {
      override async write(_entry: LogEntry) {
        throw new Error("unreachable service")
      }
    }

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new BrokenLogger()]}})
    let result: unknown = "pending"

    await configuration.initialize()
    await captureStderr(async () => {
      result = await new Logger("Resilient", {configuration}).error("lost")
    })

    expect(result).toBe(undefined)
  })

  it("survives a log file that cannot be opened", async () => {
    const tmp = makeTmpDirectory()

    // A directory where the log file should be makes the open fail with EISDIR.
    fs.mkdirSync(path.join(tmp, "log", "test.log"), {recursive: true})

    const configuration = new Configuration({directory: tmp, environment: "test", logging: {loggers: [new FileLogger(), new ConsoleLogger()]}})

    await configuration.initialize()

    const logger = new Logger("Disk", {configuration})
    let captured = {log: [] as string[]}
    const stderr = await captureStderr(async () => {
      captured = await captureConsole(async () => {
        await logger.info("first")
        await logger.info("second")
      })
    })

    await closeLogFiles(configuration)

    expect(captured.log).toEqual(["[info] Disk: first", "[info] Disk: second"])
    expect(stderr.length).toBe(1)
    expect(stderr[0].startsWith(`Velocious log output FileLogger (${path.join(tmp, "log", "test.log")}) failed`)).toBe(true)
  })

  it("fails at initialize() when file logging is configured for the browser handler", async () => {
    const configuration = new Configuration({environmentHandler: new BrowserEnvironmentHandler(), environment: "test", logging: {file: true}})
    const error = await catchError(() => configuration.initialize()) as Error

    expect(error.name).toBe("FileLoggingUnavailableError")
    expect(error.message).toBe("File logging is not available in the browser: set `logging: {file: false}` or use a custom logger that implements write()")
  })

  it("keeps console logging working in the browser", async () => {
    const configuration = new Configuration({environmentHandler: new BrowserEnvironmentHandler(), environment: "test"})

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Browser", {configuration}).warn("careful"))

    expect(captured.warn).toEqual(["[warn] Browser: careful"])
  })

  it("falls back to the console and reports once when the loggers cannot be built at log time", async () => {
    const configuration = new Configuration({environmentHandler: new BrowserEnvironmentHandler(), environment: "test", logging: {file: true, console: false}})
    const logger = new Logger("Misconfigured", {configuration})
    let captured = {log: [] as string[]}
    const stderr = await captureStderr(async () => {
      captured = await captureConsole(async () => {
        await logger.info("one")
        await logger.info("two")
      })
    })

    expect(captured.log).toEqual(["[info] Misconfigured: one", "[info] Misconfigured: two"])
    expect(stderr.length).toBe(1)
    expect(stderr[0].startsWith("Velocious logging is misconfigured, so lines go to the console until it is fixed: FileLoggingUnavailableError: File logging is not available in the browser")).toBe(true)
  })
})
