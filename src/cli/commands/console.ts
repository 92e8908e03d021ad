import {Writable} from "node:stream"
import type {CommandContext} from "../command.js"
import {consoleBanner, startConsole} from "../console/start-console.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import type Configuration from "../../configuration.js"
import type Record from "../../database/record/index.js"

/** The command's stdout as a stream for the REPL (it is process.stdout itself when run from bin/). */
function outputStream(stdout: CommandContext["stdout"]): NodeJS.WritableStream {
  if (stdout === process.stdout) return process.stdout

  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      stdout.write(chunk.toString())
      callback()
    }
  })
}

/** `velocious console`: a REPL with the app booted like `server` and `test` boot it. */
export default async function consoleCommand({cwd, stdout}: CommandContext): Promise<number> {
  const configuration = await loadAppConfiguration(cwd, {required: true}) as Configuration
  let models: (typeof Record)[] = []

  try {
    if (configuration.options.database) {
      await configuration.ensureGlobalConnections()
      models = await configuration.initializeModels()
    }

    stdout.write(consoleBanner(configuration, models))

    const terminal = Boolean(process.stdin.isTTY && stdout === process.stdout && process.stdout.isTTY)

    await startConsole({configuration, models, input: process.stdin, output: outputStream(stdout), terminal})
  } finally {
    await configuration.close()
  }

  return 0
}
