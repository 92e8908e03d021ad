import type Configuration from "../configuration.js"
import type {LogFileLineWriter} from "../environment-handlers/base.js"
import {formatLine} from "./format-line.js"
import type {LogLevel} from "./log-levels.js"
import {timedEntryOf, type LogOutput} from "./log-output.js"

/**
 * Path resolution and writing both go through the environment handler, so custom handlers can
 * redirect logs and browser bundles never import node:fs. The path is resolved here, when the
 * output is built, so a handler that cannot write files fails at configuration time.
 */
export function fileOutput({name, levels, configuration, path}: {name: string, levels: readonly LogLevel[], configuration: Configuration, path?: string}): LogOutput {
  const handler = configuration.getEnvironmentHandler()
  const logging = configuration.getLoggingOptions()
  const filePath = handler.getLogFilePath({
    configuration,
    directory: logging.directory,
    environment: configuration.getEnvironment(),
    filePath: path ?? logging.filePath
  })

  const writeLine = pairedLineWriter(handler, filePath)

  return {
    name: `${name} (${filePath})`,
    levels,
    write: (entry) => handler.writeLogToFile({path: filePath, message: formatLine(timedEntryOf(entry), {withTimestamp: true})}),
    writeNow: writeLine && ((entry) => writeLine(formatLine(entry, {withTimestamp: true})))
  }
}

/**
 * The handler's synchronous writer for the file, but only when it comes from the same class as
 * its writeLogToFile: a subclass that overrides writeLogToFile alone (to send lines elsewhere)
 * must keep getting every line there.
 */
function pairedLineWriter(handler: ReturnType<Configuration["getEnvironmentHandler"]>, filePath: string): LogFileLineWriter | undefined {
  if (typeof handler.logFileLineWriter !== "function") return undefined
  if (ownerOf(handler, "writeLogToFile") !== ownerOf(handler, "logFileLineWriter")) return undefined

  return handler.logFileLineWriter(filePath)
}

function ownerOf(object: object, name: string): object | undefined {
  for (let current: object | null = object; current; current = Object.getPrototypeOf(current)) {
    if (Object.prototype.hasOwnProperty.call(current, name)) return current
  }

  return undefined
}
