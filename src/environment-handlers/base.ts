import type Configuration from "../configuration.js"
import type {DriverClass} from "../database/drivers/driver-class.js"
import type {DriverConfig} from "../database/drivers/base/driver-config.js"
import type {PoolClass} from "../database/pool/base-pool.js"
import type {MigrationSource} from "../database/migrator/migration-source.js"

/**
 * Writes one line to one log file, the line break added, synchronously into a buffer; throws
 * where writeLogToFile would reject. See BaseEnvironmentHandler#logFileLineWriter.
 */
export type LogFileLineWriter = (line: string) => void

/**
 * Everything that differs between Node and the browser goes through a handler, so the
 * modules above it (configuration, logger, records) import nothing Node-only.
 */
export default abstract class BaseEnvironmentHandler {
  private configuration: Configuration | undefined

  setConfiguration(configuration: Configuration): void {
    this.configuration = configuration
  }

  getConfiguration(): Configuration {
    if (!this.configuration) throw new Error(`${this.constructor.name} is not attached to a configuration yet`)

    return this.configuration
  }

  abstract getName(): string

  /**
   * The pool class for a database whose configuration names no `poolType`: Node pins connections
   * to the async context (AsyncLocalStorage), which the browser does not have.
   */
  abstract getDefaultPoolType(config: DriverConfig): PoolClass

  /** The driver class for a database whose configuration names no `driver` (better-sqlite3 under Node, sql.js in the browser). */
  abstract getDriverClass(config: DriverConfig): Promise<DriverClass>

  /** Where the app's migrations come from: files in src/database/migrations under Node, the bundled list in the browser. */
  abstract getMigrationSource(args: {configuration: Configuration}): MigrationSource

  /** Where `<environment>.log` goes when `logging.directory` is not given; undefined where files cannot be written. */
  abstract getDefaultLogDirectory(args: {configuration: Configuration}): string | undefined

  abstract getLogFilePath(args: {configuration: Configuration, directory?: string, environment: string, filePath?: string}): string

  abstract writeLogToFile(args: {path: string, message: string}): Promise<void>

  /**
   * The default exports of the app's model files (src/models under Node). Where files cannot be
   * listed (a browser bundle), none: the bundle imports and initializes its models itself.
   */
  async importAppModelExports(_args: {configuration: Configuration}): Promise<unknown[]> {
    return []
  }

  /**
   * Optional: writeLogToFile for one path, done synchronously (into a buffer), for
   * LogOutput#writeNow. A function per file rather than a method taking the path, so a request's
   * log line looks up neither the file's writer nor a promise.
   */
  logFileLineWriter?(path: string): LogFileLineWriter

  /** Writes out what is buffered for log files and closes them; where nothing is buffered, nothing to do. */
  async closeLogFiles(): Promise<void> {}
}
