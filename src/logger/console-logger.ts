import BaseLogger from "./base-logger.js"
import type {LogOutputConfig} from "./log-output.js"

export default class ConsoleLogger extends BaseLogger {
  override toOutputConfig(): LogOutputConfig {
    return {type: "console"}
  }
}
