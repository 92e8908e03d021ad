import type {CommandContext} from "../command.js"
import {defaultHost, defaultMaxBodyBytes, defaultPort} from "../../http-server/http-server.js"
import {startAppServer} from "../../http-server/start-app-server.js"

export class ServerOptionError extends Error {
  override name = "ServerOptionError"
}

function numberOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback

  const number = Number(value)

  if (!Number.isFinite(number) || number < 0) throw new ServerOptionError(`--${name} must be a number, got '${String(value)}'`)

  return number
}

/** Serves the app until SIGTERM/SIGINT, then drains in-flight requests and exits. */
export default async function serverCommand({cwd, values, stdout}: CommandContext): Promise<number> {
  const host = (values.host as string | undefined) || defaultHost
  const port = numberOption(values.port, "port", defaultPort)
  const maxBodyBytes = Math.floor(numberOption(values["max-body-mb"], "max-body-mb", defaultMaxBodyBytes / 1024 / 1024) * 1024 * 1024)
  const {server, configuration, port: boundPort} = await startAppServer({directory: cwd, host, port, maxBodyBytes})

  stdout.write(`Velocious listening on http://${host}:${boundPort} (${configuration.getEnvironment()}, pid ${process.pid})\n`)

  await new Promise<void>((resolve) => {
    const shutDown = (signal: string) => {
      process.off("SIGTERM", onTerm)
      process.off("SIGINT", onInt)
      stdout.write(`${signal}: finishing in-flight requests\n`)
      resolve()
    }
    const onTerm = () => shutDown("SIGTERM")
    const onInt = () => shutDown("SIGINT")

    process.on("SIGTERM", onTerm)
    process.on("SIGINT", onInt)
  })

  await server.stop()
  await configuration.closeDatabaseConnections()
  stdout.write("Stopped\n")

  return 0
}
