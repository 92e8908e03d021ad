import type Configuration from "../configuration.js"

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

  /** Optional: the same write done synchronously (into a buffer), throwing where writeLogToFile would reject; see LogOutput#writeNow. */
  writeLogToFileNow?(args: {path: string, message: string}): void

  /** Writes out what is buffered for log files and closes them; where nothing is buffered, nothing to do. */
  async closeLogFiles(): Promise<void> {}
}
