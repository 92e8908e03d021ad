import fs from "node:fs"
import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Logger from "velocious/build/src/logger.js"
import {makeTmpDirectory} from "./support/helpers.js"

describe("Configuration#close", () => {
  it("writes out log lines logged just before it, so a process exiting right after keeps them", async () => {
    const tmp = makeTmpDirectory()
    const configuration = new Configuration({directory: tmp, environment: "test", logging: {console: false, file: true}})

    await configuration.initialize()

    const logger = new Logger("Server", {configuration})

    // Not awaited, like the request log line of a response that has already gone out.
    for (let index = 0; index < 20; index++) void logger.info(`line ${index}`)

    await configuration.close()

    // Read synchronously, the way nothing else could happen before a process.exit().
    const lines = fs.readFileSync(path.join(tmp, "log", "test.log"), "utf8").trimEnd().split("\n")

    expect(lines.length).toBe(20)
    expect(lines[19]).toMatch(/\[info\] Server: line 19$/)
  })

  // The file output keeps its file's writer between lines; a line after close() must reach a
  // writer that is open again, not the one that was ended.
  it("keeps writing lines logged after it to the file", async () => {
    const tmp = makeTmpDirectory()
    const configuration = new Configuration({directory: tmp, environment: "test", logging: {console: false, file: true}})

    await configuration.initialize()

    const logger = new Logger("Server", {configuration})

    await logger.info("before")
    await configuration.close()
    await logger.info("after")
    await configuration.close()

    const lines = fs.readFileSync(path.join(tmp, "log", "test.log"), "utf8").trimEnd().split("\n")

    expect(lines.map((line) => line.replace(/^\S+ /, ""))).toEqual(["[info] Server: before", "[info] Server: after"])
  })

  it("can be called on a configuration that was never initialized", async () => {
    await new Configuration({environment: "test"}).close()
  })
})
