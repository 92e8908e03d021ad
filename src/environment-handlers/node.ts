import fs from "node:fs"
import path from "node:path"
import BaseEnvironmentHandler from "./base.js"
import type Configuration from "../configuration.js"
import {importAppModelExports} from "./node/app-model-files.js"

export default class NodeEnvironmentHandler extends BaseEnvironmentHandler {
  // One append stream per file keeps lines in order and avoids an open() per message.
  private readonly logStreams = new Map<string, fs.WriteStream>()

  getName(): string {
    return "node"
  }

  getDefaultLogDirectory({configuration}: {configuration: Configuration}): string {
    return path.join(configuration.getDirectory(), "log")
  }

  getLogFilePath({configuration, directory, environment, filePath}: {configuration: Configuration, directory?: string, environment: string, filePath?: string}): string {
    if (filePath) return path.resolve(configuration.getDirectory(), filePath)

    const logDirectory = directory ? path.resolve(configuration.getDirectory(), directory) : this.getDefaultLogDirectory({configuration})

    return path.join(logDirectory, `${environment}.log`)
  }

  override importAppModelExports({configuration}: {configuration: Configuration}): Promise<unknown[]> {
    return importAppModelExports(configuration.getDirectory())
  }

  writeLogToFile({path: filePath, message}: {path: string, message: string}): Promise<void> {
    const stream = this.logStreamFor(filePath)

    return new Promise((resolve, reject) => {
      stream.write(`${message}\n`, (error) => error ? reject(error) : resolve())
    })
  }

  override async closeLogFiles(): Promise<void> {
    // A log call formats its message asynchronously before it reaches writeLogToFile; one
    // macrotask lets lines logged just before this call reach their streams first.
    await new Promise((resolve) => setImmediate(resolve))

    const streams = [...this.logStreams.values()]

    this.logStreams.clear()
    await Promise.all(streams.map((stream) => new Promise<void>((resolve) => stream.end(resolve))))
  }

  private logStreamFor(filePath: string): fs.WriteStream {
    let stream = this.logStreams.get(filePath)

    if (!stream) {
      fs.mkdirSync(path.dirname(filePath), {recursive: true})
      const created = fs.createWriteStream(filePath, {flags: "a"})

      // Without a listener a failed open (EISDIR, EACCES) is an uncaught 'error' that kills the
      // process; the pending write's callback still gets the error, and the next write retries.
      created.on("error", () => {
        if (this.logStreams.get(filePath) === created) this.logStreams.delete(filePath)
      })
      this.logStreams.set(filePath, created)
      stream = created
    }

    return stream
  }
}
