import Configuration from "velocious/build/src/configuration.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import Logger from "velocious/build/src/logger.js"
import BaseLogger from "velocious/build/src/logger/base-logger.js"
import type {LogEntry} from "velocious/build/src/logger/log-output.js"
import {afterEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {TempApp} from "./support/temp-app.js"

class MemoryLogger extends BaseLogger {
  readonly entries: LogEntry[] = []

  override async write(entry: LogEntry) {
    this.entries.push(entry)
  }
}

describe("request logging", () => {
  const cleanups: (() => Promise<void>)[] = []

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  async function serve(logger: MemoryLogger): Promise<number> {
    const app = new TempApp("http-logging")

    writeServerApp(app)

    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {loggers: [logger]}})

    await configuration.initialize()

    const server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})
    const {port} = await server.start()

    cleanups.push(async () => {
      await server.stop()
      app.remove()
    })

    return port
  }

  it("logs method, path (without the query), status and milliseconds at info level", async () => {
    const logger = new MemoryLogger({levels: ["info"]})
    const port = await serve(logger)

    await request(port, "GET", "/ping?secret=1")
    await request(port, "GET", "/nowhere")

    const lines = logger.entries.filter((entry) => entry.subject === "HttpServer").map((entry) => entry.message)

    expect(lines.length).toBe(2)
    expect(lines[0]).toMatch(/^GET \/ping 200 \d+\.\dms$/)
    expect(lines[1]).toMatch(/^GET \/nowhere 404 \d+\.\dms$/)
  })

  it("writes no request line when no logger takes info", async () => {
    const logger = new MemoryLogger({levels: ["warn", "error"]})
    const port = await serve(logger)

    expect((await request(port, "GET", "/ping")).status).toBe(200)
    expect(logger.entries.filter((entry) => entry.level === "info")).toEqual([])
  })
})

describe("Logger#isLevelEnabled", () => {
  it("says whether a line at that level would reach an output, following debug like log() does", async () => {
    const configuration = new Configuration({environment: "test", logging: {loggers: [new MemoryLogger({levels: ["warn"]})]}})

    await configuration.initialize()

    const logger = new Logger("Subject", {configuration})

    expect(logger.isLevelEnabled("warn")).toBe(true)
    expect(logger.isLevelEnabled("info")).toBe(false)

    logger.setDebug(true)
    expect(logger.isLevelEnabled("debug")).toBe(true)
  })

  it("does not evaluate a function message for a level no output takes", async () => {
    const configuration = new Configuration({environment: "test", logging: {loggers: [new MemoryLogger({levels: ["error"]})]}})
    let evaluated = false

    await new Logger("Subject", {configuration}).info(() => { evaluated = true; return "expensive" })
    expect(evaluated).toBe(false)
  })
})
