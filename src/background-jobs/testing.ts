import Configuration from "../configuration.js"
import JobStore, {type StoredJob} from "./job-store.js"
import {errorReport, runJobInline} from "./run-job.js"

function storeFor(configuration?: Configuration): {store: JobStore, configuration: Configuration} {
  const current = configuration || Configuration.current()

  return {store: JobStore.forConfiguration(current), configuration: current}
}

/** Jobs waiting to run (state `queued`), oldest first; `jobName` narrows to one job class. */
export async function enqueuedJobs({jobName, configuration}: {jobName?: string, configuration?: Configuration} = {}): Promise<StoredJob[]> {
  const jobs = await storeFor(configuration).store.list({state: "queued"})

  return jobName ? jobs.filter((job) => job.jobName === jobName) : jobs
}

/** Deletes every stored job, so each test starts with an empty queue. */
export async function clearEnqueuedJobs({configuration}: {configuration?: Configuration} = {}): Promise<void> {
  await storeFor(configuration).store.delete()
}

/**
 * Like Rails' perform_enqueued_jobs: runs the queued jobs now, inline in this process (forked
 * or not, and whatever their run_at), including jobs those jobs enqueue. With `callback`, runs
 * it first and then the jobs it enqueued. A job that throws is recorded as a failure (retry
 * count, error, stack, like a worker would) and the first such error is rethrown at the end.
 * Each job runs at most once per call, so a failing job is not retried in a loop.
 */
export async function performEnqueuedJobs({callback, configuration: given}: {callback?: () => unknown, configuration?: Configuration} = {}): Promise<StoredJob[]> {
  const {store, configuration} = storeFor(given)
  const performed: StoredJob[] = []
  const seen = new Set<string>()
  let firstError: unknown

  if (callback) await callback()

  for (let round = 0; round < 1000; round++) {
    // The first round takes every queued job, scheduled retries too; later rounds only what is due,
    // which is what the jobs themselves enqueued (a retry of a job that failed here waits its backoff).
    const claimed = await store.claim({limit: 100, claimedBy: "performEnqueuedJobs", all: round === 0})
    const fresh = claimed.filter((job) => !seen.has(job.id))

    for (const job of claimed) {
      if (seen.has(job.id)) {
        // Re-queued by a failure earlier in this call: hand it back untouched for the next call.
        await store.release(job)
        continue
      }

      seen.add(job.id)

      try {
        await runJobInline({configuration, jobName: job.jobName, args: job.args})
        await store.complete([{id: job.id, claimToken: job.claimToken as string}])
      } catch (error) {
        firstError ??= error
        await store.fail({job, ...errorReport(error)})
      }

      performed.push(job)
    }

    if (fresh.length === 0) break
  }

  if (firstError !== undefined) throw firstError

  return performed
}
