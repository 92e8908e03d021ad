import BaseLogger, {type BaseLoggerOptions} from "./base-logger.js"
import type {LogOutputConfig} from "./log-output.js"

export interface FileLoggerOptions extends BaseLoggerOptions {
  /** Relative paths resolve against the app directory; without one the environment handler picks `<log directory>/<environment>.log`. */
  path?: string
}

export default class FileLogger extends BaseLogger {
  static override optionKeys: readonly string[] = [...BaseLogger.optionKeys, "path"]

  private readonly path: string | undefined

  constructor(options: FileLoggerOptions = {}) {
    super(options)

    if (options.path !== undefined && (typeof options.path !== "string" || options.path === "")) {
      throw new TypeError(`new FileLogger() needs \`path\` as a non-empty string, or leave it out to use the environment's default log file; got ${JSON.stringify(options.path)}`)
    }

    this.path = options.path
  }

  override toOutputConfig(): LogOutputConfig {
    return this.path === undefined ? {type: "file"} : {type: "file", path: this.path}
  }
}
