// The file every cluster worker runs (cluster.setupPrimary({exec})): boots the app in this
// process and listens on the port the primary shares.
import {bootInProcess} from "../start-app-server.js"
import {shutdownMessage, workerOptionsVariable, type WorkerOptions} from "./messages.js"

const raw = process.env[workerOptionsVariable]

if (!raw) throw new Error(`${workerOptionsVariable} is not set: this file is started by velocious' cluster primary, not by hand`)

const options = JSON.parse(raw) as WorkerOptions

try {
  const {server, configuration} = await bootInProcess(options)
  let stopping: Promise<void> | undefined

  const stop = () => {
    stopping ||= (async () => {
      await server.stop()
      await configuration.close()
      process.exit(0)
    })()
  }

  // The primary asks by message; a terminal's Ctrl-C reaches the whole process group as a signal.
  process.on("message", (message) => { if (message === shutdownMessage) stop() })
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
} catch (error) {
  console.error(`Velocious worker ${process.pid} failed to start:`, error)
  process.exit(1)
}
