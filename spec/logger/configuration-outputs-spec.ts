import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Logger from "velocious/build/src/logger.js"
import ConsoleLogger from "velocious/build/src/logger/console-logger.js"
import FileLogger from "velocious/build/src/logger/file-logger.js"
import {captureConsole, catchError, closeLogFiles, makeTmpDirectory, readLines, withoutTimestamps} from "./support/helpers.js"

describe("Logging configuration", () => {
  it("writes only to <directory>/<environment>.log with console: false, file: true and a directory", async () => {
    const tmp = makeTmpDirectory()
    const directory = path.join(tmp, "custom", "logs")
    const configuration = new Configuration({directory: tmp, environment: "test", logging: {console: false, file: true, directory}})

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Server", {configuration}).info("to the file"))

    // File lines are buffered (buffered-writer.ts): closing writes them out.
    await closeLogFiles(configuration)

    const lines = readLines(path.join(directory, "test.log"))

    expect(captured).toEqual({log: [], warn: [], error: []})
    expect(lines.length).toBe(1)
    expect(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[info\] Server: to the file$/.test(lines[0])).toBe(true)
  })

  it("prefers filePath over directory", async () => {
    const tmp = makeTmpDirectory()
    const filePath = path.join(tmp, "app.log")
    const configuration = new Configuration({
      directory: tmp,
      environment: "test",
      logging: {console: false, file: true, directory: path.join(tmp, "custom", "logs"), filePath}
    })

    await configuration.initialize()
    await new Logger("Server", {configuration}).warn("explicit path")
    await closeLogFiles(configuration)

    expect(withoutTimestamps(readLines(filePath))).toEqual(["[warn] Server: explicit path"])
  })

  it("defaults the file to <app directory>/log/<environment>.log and keeps the console on", async () => {
    const tmp = makeTmpDirectory()
    const configuration = new Configuration({directory: tmp, environment: "production", logging: {file: true}})

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Server", {configuration}).info("both"))

    await closeLogFiles(configuration)

    expect(captured.log).toEqual(["[info] Server: both"])
    expect(withoutTimestamps(readLines(path.join(tmp, "log", "production.log")))).toEqual(["[info] Server: both"])
  })

  it("applies logging.levels to the built-in outputs", async () => {
    const tmp = makeTmpDirectory()
    const configuration = new Configuration({directory: tmp, environment: "test", logging: {file: true, levels: ["debug", "error"]}})

    await configuration.initialize()

    const logger = new Logger("Levels", {configuration})
    const captured = await captureConsole(async () => {
      await logger.debug("d")
      await logger.info("i")
      await logger.warn("w")
      await logger.error("e")
    })

    await closeLogFiles(configuration)

    expect(captured).toEqual({log: ["[debug] Levels: d"], warn: [], error: ["[error] Levels: e"]})
    expect(withoutTimestamps(readLines(path.join(tmp, "log", "test.log")))).toEqual(["[debug] Levels: d", "[error] Levels: e"])
  })

  it("uses exactly the given loggers with their own levels", async () => {
    const tmp = makeTmpDirectory()
    const environment = "test"
    const consoleLogger = new ConsoleLogger({levels: ["info", "warn", "error"]})
    const fileLogger = new FileLogger({path: `log/${environment}.log`, levels: ["debug", "info", "warn", "error"]})
    const configuration = new Configuration({directory: tmp, environment, logging: {loggers: [consoleLogger, fileLogger]}})

    await configuration.initialize()

    const loggers = configuration.getLoggers()

    expect(loggers.length).toBe(2)
    expect(loggers[0]).toBe(consoleLogger)
    expect(loggers[1]).toBe(fileLogger)

    const logger = new Logger("Tasks", {configuration})
    const captured = await captureConsole(async () => {
      await logger.debug("Loading tasks")
      await logger.info("Loaded 3 tasks")
    })

    await closeLogFiles(configuration)

    expect(captured.log).toEqual(["[info] Tasks: Loaded 3 tasks"])
    expect(withoutTimestamps(readLines(path.join(tmp, "log", "test.log")))).toEqual(["[debug] Tasks: Loading tasks", "[info] Tasks: Loaded 3 tasks"])
  })

  it("lets setLoggers() replace the loggers", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})
    const logger = new Logger("Swap", {configuration})

    await configuration.initialize()

    const before = await captureConsole(() => logger.debug("hidden"))

    configuration.setLoggers([new ConsoleLogger({levels: ["debug"]})])

    const after = await captureConsole(() => logger.debug("shown"))

    expect(before.log).toEqual([])
    expect(after.log).toEqual(["[debug] Swap: shown"])
  })

  it("rejects a misspelled logging option", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {filepath: "/tmp/x.log"} as never})
    const error = await catchError(() => configuration.initialize()) as Error

    expect(error.message).toBe("Unknown option 'filepath' given to the `logging` configuration. Did you mean 'filePath'? Valid options: console, file, directory, filePath, levels, loggers")
  })

  it("rejects unknown levels", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {levels: ["verbose"]} as never})
    const error = await catchError(() => configuration.initialize()) as Error

    expect(error.name).toBe("UnknownLogLevelError")
    expect(error.message).toBe("Unknown log level 'verbose' given to the `logging` configuration. Use any of: debug, info, warn, error")
  })

  it("rejects built-in output options next to an explicit loggers list", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {console: false, loggers: [new ConsoleLogger()]}})
    const error = await catchError(() => configuration.initialize()) as Error

    expect(error.name).toBe("LoggingOptionsError")
    expect(error.message).toBe("logging.loggers replaces the built-in outputs, so logging.console would be ignored: remove it, or add a ConsoleLogger / FileLogger with those levels to logging.loggers")
  })
})
