import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Logger from "velocious/build/src/logger.js"
import ConsoleLogger from "velocious/build/src/logger/console-logger.js"
import FileLogger from "velocious/build/src/logger/file-logger.js"
import {captureConsole, closeLogFiles, makeTmpDirectory, readLines, withoutTimestamps} from "./support/helpers.js"

async function configurationWithTwoOutputs(options: {debug?: boolean} = {}) {
  const tmp = makeTmpDirectory()
  const configuration = new Configuration({
    directory: tmp,
    environment: "test",
    ...options,
    logging: {loggers: [new ConsoleLogger({levels: ["error"]}), new FileLogger({levels: ["warn"]})]}
  })

  await configuration.initialize()

  return {configuration, logFile: path.join(tmp, "log", "test.log")}
}

async function logEveryLevel(logger: Logger) {
  await logger.debug("d")
  await logger.info("i")
  await logger.warn("w")
  await logger.error("e")
}

describe("Debug logging", () => {
  it("sends every level to every output when configuration.debug is true", async () => {
    const {configuration, logFile} = await configurationWithTwoOutputs({debug: true})
    const captured = await captureConsole(() => logEveryLevel(new Logger("Verbose", {configuration})))

    await closeLogFiles(configuration)

    expect(captured).toEqual({log: ["[debug] Verbose: d", "[info] Verbose: i"], warn: ["[warn] Verbose: w"], error: ["[error] Verbose: e"]})
    expect(withoutTimestamps(readLines(logFile))).toEqual(["[debug] Verbose: d", "[info] Verbose: i", "[warn] Verbose: w", "[error] Verbose: e"])
  })

  it("sends every level to every output for a Logger constructed with {debug: true}", async () => {
    const {configuration, logFile} = await configurationWithTwoOutputs()
    const logger = new Logger("Verbose", {configuration, debug: true})
    const captured = await captureConsole(() => logEveryLevel(logger))

    await closeLogFiles(configuration)

    expect(logger.getDebug()).toBe(true)
    expect(captured.log).toEqual(["[debug] Verbose: d", "[info] Verbose: i"])
    expect(readLines(logFile).length).toBe(4)
  })

  it("honors the configuration defaults with {debug: false}", async () => {
    const {configuration, logFile} = await configurationWithTwoOutputs()
    const captured = await captureConsole(() => logEveryLevel(new Logger("Quiet", {configuration, debug: false})))

    await closeLogFiles(configuration)

    expect(captured).toEqual({log: [], warn: [], error: ["[error] Quiet: e"]})
    expect(withoutTimestamps(readLines(logFile))).toEqual(["[warn] Quiet: w"])
  })

  it("still follows configuration.debug with {debug: false}", async () => {
    const {configuration} = await configurationWithTwoOutputs({debug: true})
    const captured = await captureConsole(() => new Logger("Quiet", {configuration, debug: false}).debug("shown"))

    await closeLogFiles(configuration)

    expect(captured.log).toEqual(["[debug] Quiet: shown"])
  })

  it("follows configuration.setDebug() at log time", async () => {
    const {configuration} = await configurationWithTwoOutputs()
    const logger = new Logger("Toggle", {configuration})
    const before = await captureConsole(() => logger.debug("hidden"))

    configuration.setDebug(true)

    const after = await captureConsole(() => logger.debug("shown"))

    await closeLogFiles(configuration)

    expect(before.log).toEqual([])
    expect(after.log).toEqual(["[debug] Toggle: shown"])
  })

  it("turns one logger verbose with setDebug(true) and back with setDebug(false)", async () => {
    const {configuration} = await configurationWithTwoOutputs()
    const logger = new Logger("Toggle", {configuration})
    const other = new Logger("Other", {configuration})

    expect(logger.getDebug()).toBe(false)

    logger.setDebug(true)

    const verbose = await captureConsole(async () => {
      await logger.debug("shown")
      await other.debug("hidden")
    })

    logger.setDebug(false)

    const quiet = await captureConsole(() => logger.debug("hidden again"))

    await closeLogFiles(configuration)

    expect(verbose.log).toEqual(["[debug] Toggle: shown"])
    expect(quiet.log).toEqual([])
    expect(logger.getDebug()).toBe(false)
  })
})

describe("Lazy messages", () => {
  it("does not call a function message when no output will write it", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})
    let calls = 0

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Lazy", {configuration}).debug(() => {
      calls++

      return "expensive"
    }))

    expect(calls).toBe(0)
    expect(captured.log).toEqual([])
  })

  it("calls a function message once for all outputs that write it", async () => {
    const tmp = makeTmpDirectory()
    const configuration = new Configuration({directory: tmp, environment: "test", debug: true, logging: {file: true}})
    let calls = 0

    await configuration.initialize()

    const captured = await captureConsole(() => new Logger("Lazy", {configuration}).debug(() => {
      calls++

      return "expensive"
    }))

    await closeLogFiles(configuration)

    expect(calls).toBe(1)
    expect(captured.log).toEqual(["[debug] Lazy: expensive"])
    expect(withoutTimestamps(readLines(path.join(tmp, "log", "test.log")))).toEqual(["[debug] Lazy: expensive"])
  })

  it("spreads an array result, awaits a promise, and mixes with plain messages", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})
    const captured = await captureConsole(async () => {
      const logger = new Logger("Lazy", {configuration})

      await logger.info("Rows:", () => ["users", {count: 2}])
      await logger.info(async () => "resolved later")
    })

    expect(captured.log).toEqual(["[info] Lazy: Rows: users {count: 2}", "[info] Lazy: resolved later"])
  })

  it("logs a note instead of failing when the function throws", async () => {
    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test"})
    const captured = await captureConsole(() => new Logger("Lazy", {configuration}).info("Before", () => {
      throw new TypeError("no such row")
    }))

    expect(captured.log.length).toBe(1)
    expect(captured.log[0].startsWith("[info] Lazy: Before [log message function threw: TypeError: no such row")).toBe(true)
  })
})
