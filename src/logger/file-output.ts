import type Configuration from "../configuration.js"
import {formatLine} from "./format-line.js"
import type {LogLevel} from "./log-levels.js"
import type {LogOutput} from "./log-output.js"

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

  return {
    name: `${name} (${filePath})`,
    levels,
    write: (entry) => handler.writeLogToFile({path: filePath, message: formatLine(entry, {withTimestamp: true})})
  }
}
