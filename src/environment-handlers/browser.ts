import BaseEnvironmentHandler from "./base.js"
import type Configuration from "../configuration.js"

export class FileLoggingUnavailableError extends Error {
  override name = "FileLoggingUnavailableError"
}

export default class BrowserEnvironmentHandler extends BaseEnvironmentHandler {
  getName(): string {
    return "browser"
  }

  getDefaultLogDirectory(_args: {configuration: Configuration}): undefined {
    return undefined
  }

  getLogFilePath(): string {
    throw new FileLoggingUnavailableError("File logging is not available in the browser: set `logging: {file: false}` or use a custom logger that implements write()")
  }

  async writeLogToFile(): Promise<void> {
    this.getLogFilePath()
  }
}
