import type Configuration from "../configuration.js"
import type BaseLogger from "./base-logger.js"
import {buildLogOutput} from "./build-log-output.js"
import {consoleOutput} from "./console-output.js"
import {defaultLogLevels} from "./log-levels.js"
import type {LogOutput} from "./log-output.js"

// Keyed by the loggers array too, so configuration.setLoggers() takes effect on the next line.
const cache = new WeakMap<Configuration, {loggers: readonly BaseLogger[], outputs: LogOutput[]}>()

let defaultOutputs: LogOutput[] | undefined

/** The configuration's outputs, built on first use; throws when a logger cannot be turned into one. */
export function logOutputsFor(configuration: Configuration): LogOutput[] {
  const loggers = configuration.getLoggers()
  const cached = cache.get(configuration)

  if (cached?.loggers === loggers) return cached.outputs

  const outputs = loggers.map((logger) => buildLogOutput(logger, configuration))

  cache.set(configuration, {loggers, outputs})

  return outputs
}

/** For loggers with no configuration at all: the same console output a configuration gets by default. */
export function defaultLogOutputs(): LogOutput[] {
  defaultOutputs ||= [consoleOutput({name: "default console logger", levels: defaultLogLevels})]

  return defaultOutputs
}
