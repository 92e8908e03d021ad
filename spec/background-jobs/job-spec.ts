import {describe, it, expect, beforeAll, afterAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import VelociousJob from "velocious/build/src/background-jobs/job.js"
import {ensureBackgroundJobsTable} from "velocious/build/src/background-jobs/table.js"
import {enqueueJob} from "velocious/build/src/background-jobs/enqueue.js"
import {registerJob} from "velocious/build/src/background-jobs/registry.js"
import {retryDelaySeconds} from "velocious/build/src/background-jobs/backoff.js"
import {closeMainNotifier} from "velocious/build/src/background-jobs/notify-main.js"
import {clearEnqueuedJobs, enqueuedJobs, performEnqueuedJobs} from "velocious/build/src/background-jobs/testing.js"
import {connectDriver, testDatabases} from "../database/support/test-databases.js"

const runs: unknown[][] = []

class RecordingJob extends VelociousJob {
  override async perform(...args: unknown[]) {
    runs.push(args)
  }
}

class ChainJob extends VelociousJob {
  override async perform(count: number) {
    runs.push(["chain", count])
    if (count > 1) await ChainJob.performLater(count - 1)
  }
}

class FailingJob extends VelociousJob {
  override async perform(message: string) {
    throw new Error(message)
  }
}

// The hook framework code (mailers) uses: a job registered under a name, enqueued by that name.
class FrameworkDeliveryJob extends VelociousJob {
  static override jobName() {
    return "VelociousFrameworkDelivery"
  }

  override async perform(payload: {to: string}) {
    runs.push(["delivered", payload.to])
  }
}

registerJob(FrameworkDeliveryJob)

for (const {dialect, config, skip} of testDatabases) {
  describe(`background jobs: VelociousJob and the test helper - ${dialect}`, {skip}, () => {
    let configuration: Configuration

    beforeAll(async () => {
      // Port 1 never answers: the enqueue nudge fails quietly, as it does when no main runs.
      configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: {...config}}}, backgroundJobs: {port: 1, retryBackoffScale: 0.001}})
      configuration.setCurrent()
      await configuration.ensureGlobalConnections()
    })

    afterAll(async () => {
      await configuration.getDatabasePool().getCurrentConnection().execute("DROP TABLE IF EXISTS background_jobs")
      closeMainNotifier()
      await configuration.closeDatabaseConnections()
    })

    beforeEach(async () => {
      runs.length = 0
      await clearEnqueuedJobs()
    })

    it("creates background_jobs itself, idempotently, from separate connections", async () => {
      const first = await connectDriver(config)
      const second = config.name === ":memory:" ? first : await connectDriver(config)

      try {
        await ensureBackgroundJobsTable(first)
        await ensureBackgroundJobsTable(second)
        expect((await first.getIntrospector().tables()).includes("background_jobs")).toBe(true)
      } finally {
        await first.close()
        if (second !== first) await second.close()
      }
    })

    it("persists performLater with JSON arguments, forked and 10 retries by default", async () => {
      const id = await RecordingJob.performLater("a", 2, {nested: [true, null]})
      const [job] = await enqueuedJobs()

      expect(job.id).toBe(id)
      expect(job.jobName).toBe("RecordingJob")
      expect(job.args).toEqual(["a", 2, {nested: [true, null]}])
      expect(job.forked).toBe(true)
      expect(job.maxRetries).toBe(10)
      expect(job.state).toBe("queued")
      expect(job.attempts).toBe(0)
    })

    it("stores performLaterWithOptions' forked and maxRetries", async () => {
      await RecordingJob.performLaterWithOptions({args: ["a", "b"], options: {forked: false, maxRetries: 3}})
      const [job] = await enqueuedJobs({jobName: "RecordingJob"})

      expect(job.forked).toBe(false)
      expect(job.maxRetries).toBe(3)
      expect(job.args).toEqual(["a", "b"])
    })

    it("refuses arguments JSON cannot carry at enqueue time, storing nothing", async () => {
      await expect(RecordingJob.performLater(new Date())).rejects.toThrow(/RecordingJob argument 1 is a Date/)
      await expect(RecordingJob.performLater({when: () => 1})).rejects.toThrow(/argument 1\.when is of type function/)
      await expect(RecordingJob.performLater("ok", undefined)).rejects.toThrow(/argument 2 is of type undefined/)
      await expect(RecordingJob.performLater(Number.NaN)).rejects.toThrow(/NaN/)
      await expect(RecordingJob.performLaterWithOptions({args: [], options: {priority: 1} as any})).rejects.toThrow(/Unknown job options: priority/)
      expect((await enqueuedJobs()).length).toBe(0)
    })

    it("performEnqueuedJobs runs queued jobs inline, and the jobs they enqueue", async () => {
      await RecordingJob.performLater("x")
      await ChainJob.performLater(3)

      const performed = await performEnqueuedJobs()

      expect(performed.length).toBe(4)
      // Jobs enqueued in the same millisecond have no defined order between them; a chain link only exists after the previous one ran.
      expect(runs.slice(0, 2).map(String).sort()).toEqual(["chain,3", "x"])
      expect(runs.slice(2)).toEqual([["chain", 2], ["chain", 1]])
      expect((await enqueuedJobs()).length).toBe(0)
    })

    it("performEnqueuedJobs with a callback runs what the callback enqueued", async () => {
      await performEnqueuedJobs({callback: () => RecordingJob.performLater("from callback")})

      expect(runs).toEqual([["from callback"]])
    })

    it("enqueues a framework job by its registered name", async () => {
      await enqueueJob({jobName: "VelociousFrameworkDelivery", args: [{to: "a@example.com"}], options: {forked: false}})
      await performEnqueuedJobs()

      expect(runs).toEqual([["delivered", "a@example.com"]])
    })

    it("records a failure with its error and stack and re-queues it with the backoff", async () => {
      const before = Date.now()
      const id = await FailingJob.performLater("boom")

      await expect(performEnqueuedJobs()).rejects.toThrow(/boom/)

      const [job] = await enqueuedJobs()

      expect(job.id).toBe(id)
      expect(job.attempts).toBe(1)
      expect(job.lastError).toBe("Error: boom")
      expect(String(job.lastErrorStack).includes("FailingJob.perform")).toBe(true)
      // 10 s scaled by 0.001 in this configuration.
      expect(job.runAt >= before + 10).toBe(true)
    })

    it("marks a job failed once its retries are used up", async () => {
      await FailingJob.performLaterWithOptions({args: ["last"], options: {maxRetries: 0}})
      await expect(performEnqueuedJobs()).rejects.toThrow(/last/)

      expect((await enqueuedJobs()).length).toBe(0)

      const store = (await import("velocious/build/src/background-jobs/job-store.js")).default.forConfiguration(configuration)
      const [failed] = await store.list({state: "failed"})

      expect(failed.lastError).toBe("Error: last")
      expect(failed.attempts).toBe(1)
    })
  })
}

describe("background jobs: retry schedule", () => {
  it("is 10 s, 1 min, 10 min, 1 h, then one more hour per retry", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelaySeconds)).toEqual([10, 60, 600, 3600, 7200, 10800, 25200])
  })
})
