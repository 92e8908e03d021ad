import type {CommandContext} from "../command.js"
import {bootApp} from "../support/boot-app.js"
import BackgroundJobsMain from "../../background-jobs/main.js"
import {waitForStopSignal, wholeNumberOption} from "../../background-jobs/command-support.js"
import type Configuration from "../../configuration.js"

/** `velocious background-jobs-main`: the queue router, until SIGTERM/SIGINT. */
export default async function backgroundJobsMainCommand({cwd, values, stdout}: CommandContext): Promise<number> {
  const stop = waitForStopSignal()

  try {
    const port = wholeNumberOption(values.port, "port", 0)
    const configuration = await bootApp(cwd, {required: true}) as Configuration
    const main = new BackgroundJobsMain({configuration, host: values.host as string | undefined, port})
    const address = await main.start()

    stdout.write(`Background jobs main listening on ${address.host}:${address.port} (${configuration.getEnvironment()}, pid ${process.pid})\n`)

    const signal = await stop.signal

    stdout.write(`${signal}: stopping the background jobs main\n`)
    await main.stop()
    await configuration.close()

    return 0
  } finally {
    stop.dispose()
  }
}
