import type {CommandContext} from "../command.js"
import {bootApp} from "../support/boot-app.js"
import BackgroundJobsWorker from "../../background-jobs/worker.js"
import {loadAppJobs} from "../../background-jobs/registry.js"
import {waitForStopSignal, wholeNumberOption} from "../../background-jobs/command-support.js"
import type Configuration from "../../configuration.js"

/** `velocious background-jobs-worker`: runs jobs handed out by the main, until SIGTERM/SIGINT. */
export default async function backgroundJobsWorkerCommand({cwd, values, stdout}: CommandContext): Promise<number> {
  const stop = waitForStopSignal()

  try {
    const port = wholeNumberOption(values.port, "port", 1)
    const workerCount = wholeNumberOption(values.workers, "workers", 1) ?? 1
    const slots = wholeNumberOption(values.concurrency, "concurrency", 1) ?? 1
    const configuration = await bootApp(cwd, {required: true}) as Configuration
    const jobNames = await loadAppJobs(configuration)
    const workers = Array.from({length: workerCount}, () => new BackgroundJobsWorker({configuration, host: values.host as string | undefined, port, slots}))

    stdout.write(`Background jobs worker${workerCount === 1 ? "" : "s"} starting (${workerCount} x ${slots} slot${slots === 1 ? "" : "s"}, pid ${process.pid}, jobs: ${jobNames.join(", ") || "none in src/jobs"})\n`)
    await Promise.race([Promise.all(workers.map((worker) => worker.start())), stop.signal])
    stdout.write("Background jobs worker connected\n")

    const signal = await stop.signal

    stdout.write(`${signal}: letting running jobs finish\n`)
    await Promise.all(workers.map((worker) => worker.stop()))
    await configuration.close()

    return 0
  } finally {
    stop.dispose()
  }
}
