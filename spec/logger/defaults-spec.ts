import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Logger from "velocious/build/src/logger.js"
import ConsoleLogger from "velocious/build/src/logger/console-logger.js"
import {captureConsole, makeTmpDirectory, withCurrentConfiguration, withoutCurrentConfiguration} from "./support/helpers.js"

describe("Logger defaults", () => {
  it("sets up one console logger with info, warn and error when there is no logging config", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})

    await configuration.initialize()

    const loggers = configuration.getLoggers()

    expect(loggers.length).toBe(1)
    expect(loggers[0] instanceof ConsoleLogger).toBe(true)
    expect([...loggers[0].getLevels()]).toEqual(["info", "warn", "error"])
  })

  it("builds the loggers once per configuration", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})

    expect(configuration.getLoggers()).toBe(configuration.getLoggers())
  })

  it("writes info to console.log, warn to console.warn and error to console.error, and skips debug", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})

    await configuration.initialize()

    const logger = new Logger("Server", {configuration})
    const captured = await captureConsole(async () => {
      await logger.debug("hidden")
      await logger.info("Started on port", 3006)
      await logger.warn("Slow request")
      await logger.error("Crashed")
    })

    expect(captured).toEqual({
      log: ["[info] Server: Started on port 3006"],
      warn: ["[warn] Server: Slow request"],
      error: ["[error] Server: Crashed"]
    })
  })

  it("formats non-string messages with a light formatter", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})
    const logger = new Logger("Formatter", {configuration})
    const circular: Record<string, unknown> = {name: "loop"}

    circular.self = circular

    const captured = await captureConsole(async () => {
      await logger.info({id: 5, tags: ["a", "b"], nested: {deep: {deeper: {deepest: true}}}}, null, undefined, 10n)
      await logger.info(circular, new Map([["key", 1]]), new Set([1]), new Date("2024-01-02T03:04:05.000Z"))
    })

    expect(captured.log).toEqual([
      "[info] Formatter: {id: 5, tags: [\"a\", \"b\"], nested: {deep: {deeper: [Object]}}} null undefined 10n",
      "[info] Formatter: {name: \"loop\", self: [Circular]} Map(1) {\"key\" => 1} Set(1) {1} 2024-01-02T03:04:05.000Z"
    ])
  })

  it("logs errors with their stack", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})
    const error = new Error("Database went away")
    const captured = await captureConsole(() => new Logger("Db", {configuration}).error("Query failed:", error))

    expect(captured.error).toEqual([`[error] Db: Query failed: ${error.stack}`])
  })

  it("takes the subject name from a class or an instance", async () => {
    class TasksController {}

    expect(new Logger(TasksController).getSubject()).toBe("TasksController")
    expect(new Logger(new TasksController()).getSubject()).toBe("TasksController")
  })

  it("falls back to Configuration.current() when no configuration is given", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {levels: ["debug"]}})
    const logger = new Logger("Current")
    let captured = {log: [] as string[]}

    await withCurrentConfiguration(configuration, async () => {
      captured = await captureConsole(() => logger.debug("from the current configuration"))
    })

    expect(captured.log).toEqual(["[debug] Current: from the current configuration"])
  })

  it("uses a default console logger when no configuration is set at all", async () => {
    let captured = {log: [] as string[]}

    await withoutCurrentConfiguration(async () => {
      captured = await captureConsole(async () => {
        const logger = new Logger("Standalone")

        await logger.debug("hidden")
        await logger.info("shown")
      })
    })

    expect(captured.log).toEqual(["[info] Standalone: shown"])
  })

  it("rejects unknown Logger options", async () => {
    let message: string | undefined

    try {
      new Logger("Subject", {debgu: true} as never)
    } catch (error) {
      message = (error as Error).message
    }

    expect(message).toBe("Unknown option 'debgu' given to new Logger(). Did you mean 'debug'? Valid options: configuration, debug")
  })
})
