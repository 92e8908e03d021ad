import type Configuration from "../configuration.js"
import {checkKeys} from "../utils/check-keys.js"
import type BaseLogger from "./base-logger.js"
import {consoleOutput} from "./console-output.js"
import {fileOutput} from "./file-output.js"
import type {LogOutput, LogOutputConfig} from "./log-output.js"

export class LoggerWithoutOutputError extends Error {
  override name = "LoggerWithoutOutputError"
}

export class UnknownLogOutputError extends Error {
  override name = "UnknownLogOutputError"
}

/** Turns a logger into the output that actually writes, resolving declarative ones against the configuration. */
export function buildLogOutput(logger: BaseLogger, configuration: Configuration): LogOutput {
  const name = logger.constructor.name || "anonymous logger"
  const levels = logger.getLevels()

  if (typeof logger.write === "function") return {name, levels, write: logger.write.bind(logger)}

  if (typeof logger.toOutputConfig === "function") {
    return outputFromConfig({name, levels, configuration, config: logger.toOutputConfig()})
  }

  throw new LoggerWithoutOutputError(
    `${name} extends BaseLogger but implements neither write({message, level, subject, timestamp}) nor toOutputConfig(): add one of them, or extend ConsoleLogger or FileLogger instead`
  )
}

function outputFromConfig({name, levels, configuration, config}: {name: string, levels: LogOutput["levels"], configuration: Configuration, config: LogOutputConfig}): LogOutput {
  const where = `${name}.toOutputConfig()`

  if (config?.type === "console") {
    checkKeys(config, ["type"], where)

    return consoleOutput({name, levels})
  }

  if (config?.type === "file") {
    checkKeys(config, ["type", "path"], where)

    return fileOutput({name, levels, configuration, path: config.path})
  }

  const got = config && typeof config === "object" ? `type ${JSON.stringify((config as {type?: unknown}).type)}` : String(config)

  throw new UnknownLogOutputError(`${where} returned ${got}: return {type: "console"} or {type: "file", path?}, or implement write() instead`)
}
