import type {CommandContext} from "../command.js"
import {bootApp} from "../support/boot-app.js"
import JobStore from "../../background-jobs/job-store.js"
import type Configuration from "../../configuration.js"

/** `velocious jobs:status`: counts by state, then each failed job with its attempts and last error. */
export default async function jobsStatusCommand({cwd, stdout}: CommandContext): Promise<number> {
  const configuration = await bootApp(cwd, {required: true}) as Configuration

  try {
    const store = JobStore.forConfiguration(configuration)
    const counts = await store.countsByState()
    const failed = await store.list({state: "failed"})

    stdout.write(`Background jobs (${configuration.getEnvironment()}, database ${store.settings.databaseIdentifier})\n`)
    for (const [state, count] of Object.entries(counts)) stdout.write(`  ${state.padEnd(11)} ${count}\n`)

    if (failed.length > 0) {
      stdout.write("Failed jobs:\n")
      for (const job of failed) stdout.write(`  ${job.id}  ${job.jobName}  attempts ${job.attempts}  ${job.lastError ?? ""}\n`)
    }

    return 0
  } finally {
    await configuration.close()
  }
}
