import fs from "node:fs"
import path from "node:path"
import BaseEnvironmentHandler, {type LogFileLineWriter} from "./base.js"
import type Configuration from "../configuration.js"
import {importAppModelExports} from "./node/app-model-files.js"
import {migrationFilesIn} from "./node/migration-files.js"
import type {DriverConfig} from "../database/drivers/base/driver-config.js"
import {driverClassFor, type DriverClass} from "../database/drivers/driver-class-for.js"
import AsyncTrackedMultiConnection from "../database/pool/async-tracked-multi-connection.js"
import type {PoolClass} from "../database/pool/base-pool.js"
import type {MigrationSource} from "../database/migrator/migration-source.js"
import {bufferedWriter, type BufferedWriter} from "../logger/buffered-writer.js"
import {consoleSink, setConsoleSink} from "../logger/console-sink.js"
import {nodeConsoleSink} from "../logger/node-console-sink.js"
import {reportLoggingProblemOnce} from "../logger/report-logging-problem.js"

// One per process: stdout and stderr are shared by every configuration.
if (!consoleSink()) setConsoleSink(nodeConsoleSink())

export default class NodeEnvironmentHandler extends BaseEnvironmentHandler {
  // One buffered writer per file keeps lines in order and avoids an open() per message.
  private readonly logWriters = new Map<string, BufferedWriter>()
  // Counts closeLogFiles() calls, so a logFileLineWriter() made earlier fetches a new writer
  // instead of writing into one that is ending.
  private logFilesClosed = 0

  getName(): string {
    return "node"
  }

  getDefaultPoolType(_config: DriverConfig): PoolClass {
    return AsyncTrackedMultiConnection
  }

  getDriverClass(config: DriverConfig): Promise<DriverClass> {
    return driverClassFor(config)
  }

  getMigrationSource({configuration}: {configuration: Configuration}): MigrationSource {
    return migrationFilesIn(configuration.getDirectory())
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

  /**
   * Buffers the line (see buffered-writer.ts) and resolves without waiting for the disk. The file
   * is opened synchronously on its first line, so a log file that cannot be opened (EISDIR,
   * EACCES) rejects that line's write and is reported as the output failing; a write that fails
   * later (a full disk) is reported once per file.
   */
  writeLogToFile(args: {path: string, message: string}): Promise<void> {
    try {
      this.logWriterFor(args.path).writeLine(args.message)

      return resolved
    } catch (error) {
      return Promise.reject(error)
    }
  }

  override logFileLineWriter(filePath: string): LogFileLineWriter {
    let writer: BufferedWriter | undefined
    let writerClosedCount = -1

    return (line) => {
      if (writer === undefined || writerClosedCount !== this.logFilesClosed) {
        // Opened on the first line, as writeLogToFile does: a file that cannot be opened throws
        // here, and the next line tries again.
        writer = this.logWriterFor(filePath)
        writerClosedCount = this.logFilesClosed
      }

      writer.writeLine(line)
    }
  }

  override async closeLogFiles(): Promise<void> {
    // A log call formats its message asynchronously before it reaches writeLogToFile; one
    // macrotask lets lines logged just before this call reach their writers first.
    await new Promise((resolve) => setImmediate(resolve))

    const writers = [...this.logWriters.values()]

    this.logWriters.clear()
    this.logFilesClosed++
    await Promise.all([...writers.map((writer) => writer.end()), consoleSink()?.flush()])
  }

  private logWriterFor(filePath: string): BufferedWriter {
    let writer = this.logWriters.get(filePath)

    if (!writer) {
      fs.mkdirSync(path.dirname(filePath), {recursive: true})

      const reportKey = {}

      writer = bufferedWriter({
        name: filePath,
        fd: fs.openSync(filePath, "a"),
        onError: (error) => reportLoggingProblemOnce(reportKey, `Velocious could not write to the log file ${filePath}, so its lines are being lost; further failures will not be reported: ${String(error)}`)
      })
      this.logWriters.set(filePath, writer)
    }

    return writer
  }
}

const resolved: Promise<void> = Promise.resolve()
