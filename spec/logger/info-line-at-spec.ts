import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Logger from "velocious/build/src/logger.js"
import BaseLogger from "velocious/build/src/logger/base-logger.js"
import FileLogger from "velocious/build/src/logger/file-logger.js"
import type {LogEntry} from "velocious/build/src/logger/log-output.js"
import {captureStderr, closeLogFiles, makeTmpDirectory, readLines} from "./support/helpers.js"

// The request line's path into the logger (request-handler.ts): one string, stamped with the
// performance.now() reading its duration came from.
describe("Logger#infoLineAt", () => {
  it("writes an info line stamped with the time of the given performance.now() reading", async () => {
    const tmp = makeTmpDirectory()
    const configuration = new Configuration({directory: tmp, environment: "test", logging: {console: false, file: true}})

    await configuration.initialize()

    const reading = performance.now()
    const then = Date.now()

    await new Promise((resolve) => setTimeout(resolve, 40))
    new Logger("HttpServer", {configuration}).infoLineAt("GET /tasks 200 1.3ms", reading)
    await closeLogFiles(configuration)

    const [line] = readLines(path.join(tmp, "log", "test.log"))
    const [, timestamp, rest] = /^(\S+) (.*)$/.exec(line)!

    expect(rest).toBe("[info] HttpServer: GET /tasks 200 1.3ms")
    expect(Math.abs(Date.parse(timestamp) - then) <= 5).toBe(true)
  })

  it("writes nothing to an output whose levels leave info out", async () => {
    const tmp = makeTmpDirectory()
    const file = path.join(tmp, "warnings.log")
    const configuration = new Configuration({directory: tmp, environment: "test", logging: {loggers: [new FileLogger({path: file, levels: ["warn", "error"]})]}})

    await configuration.initialize()

    const logger = new Logger("HttpServer", {configuration})

    logger.infoLineAt("GET / 200 0.1ms", performance.now())
    await logger.warn("a warning")
    await closeLogFiles(configuration)

    expect(readLines(file).map((line) => line.replace(/^\S+ /, ""))).toEqual(["[warn] HttpServer: a warning"])
  })

  it("reports an output that throws once instead of throwing to the request", async () => {
    class ThrowingLogger extends BaseLogger {
      override write(_entry: LogEntry): Promise<void> {
        throw new Error("broken output")
      }
    }

    const configuration = new Configuration({directory: makeTmpDirectory(), environment: "test", logging: {loggers: [new ThrowingLogger()]}})

    await configuration.initialize()

    const logger = new Logger("HttpServer", {configuration})
    const stderr = await captureStderr(async () => {
      logger.infoLineAt("GET / 200 0.1ms", performance.now())
      logger.infoLineAt("GET / 200 0.1ms", performance.now())
      await new Promise((resolve) => setImmediate(resolve))
    })

    expect(stderr.filter((text) => text.includes("broken output")).length).toBe(1)
  })
})
