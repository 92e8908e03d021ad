import type {CommandContext} from "../command.js"
import {defaultHost, defaultMaxBodyBytes, defaultPort} from "../../http-server/http-server.js"
import {startAppServer} from "../../http-server/start-app-server.js"
import {waitForStopSignal, wholeNumberOption} from "../support/command-options.js"

export class ServerOptionError extends Error {
  override name = "ServerOptionError"
}

function numberOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback

  const number = Number(value)

  if (!Number.isFinite(number) || number < 0) throw new ServerOptionError(`--${name} must be a number, got '${String(value)}'`)

  return number
}

/** Serves the app until SIGTERM/SIGINT, then drains in-flight requests (in every worker) and exits. */
export default async function serverCommand({cwd, values, stdout}: CommandContext): Promise<number> {
  const host = (values.host as string | undefined) || defaultHost
  const port = numberOption(values.port, "port", defaultPort)
  const maxBodyBytes = Math.floor(numberOption(values["max-body-mb"], "max-body-mb", defaultMaxBodyBytes / 1024 / 1024) * 1024 * 1024)
  const workers = wholeNumberOption(values.workers, "workers", 1, ServerOptionError)
  // Signals that arrive while booting are kept, so a quick SIGTERM still drains and exits 0.
  const stop = waitForStopSignal()

  try {
    const {server, configuration, port: boundPort, workers: workerCount, clustered} = await startAppServer({directory: cwd, host, port, maxBodyBytes, workers})
    const processes = clustered ? `${workerCount} worker${workerCount === 1 ? "" : "s"}, primary pid ${process.pid}` : `pid ${process.pid}`

    stdout.write(`Velocious listening on http://${host}:${boundPort} (${configuration.getEnvironment()}, ${processes})\n`)

    const signal = await stop.signal

    stdout.write(`${signal}: finishing in-flight requests\n`)
    await server.stop()
    await configuration.close()
    stdout.write("Stopped\n")

    return 0
  } finally {
    stop.dispose()
  }
}
