import {describe, it, expect, afterEach} from "velocious/build/src/testing/test.js"
import {enqueueJob} from "velocious/build/src/background-jobs/enqueue.js"
import {closeMainNotifier} from "velocious/build/src/background-jobs/notify-main.js"
import {testDatabases} from "../database/support/test-databases.js"
import {JobsApp} from "./support/jobs-app.js"

// Real processes: `velocious background-jobs-main` and `background-jobs-worker` in a temp app, on loopback.
for (const {dialect, config, skip} of testDatabases) {
  describe(`background jobs: main and workers - ${dialect}`, {skip, timeoutSeconds: 60}, () => {
    let app: JobsApp | undefined

    afterEach(async () => {
      closeMainNotifier()
      await app?.close()
      app = undefined
    })

    it("runs forked and inline jobs handed out by the main, and marks them completed", async () => {
      app = await JobsApp.create(config)
      await app.startMain()
      await app.startWorker()
      await enqueueJob({jobName: "CountJob", args: [app.runsFile, "forked"]})
      await enqueueJob({jobName: "CountJob", args: [app.runsFile, "inline"], options: {forked: false}})

      await app.waitUntil((counts) => counts.completed === 2)

      const runs = await app.runs()
      const worker = [...runs].find((line) => line.startsWith("inline start"))
      const forked = [...runs].find((line) => line.startsWith("forked start"))

      expect(runs.filter((line) => line.endsWith("done")).sort()).toEqual(["forked done", "inline done"])
      // The forked job ran in a process of its own, the inline one in the worker.
      expect(forked?.split(" ")[2] === worker?.split(" ")[2]).toBe(false)
    })

    it("retries a failing job with the backoff, stores its error and stack, and fails it after maxRetries", async () => {
      app = await JobsApp.create(config)
      await app.startMain()
      await app.startWorker()

      const id = await enqueueJob({jobName: "FailJob", args: [app.runsFile, "f"], options: {forked: false, maxRetries: 2}})

      await app.waitUntil((counts) => counts.failed === 1)

      const job = await app.store().find(id)

      expect((await app.runs()).length).toBe(3)
      expect(job?.attempts).toBe(3)
      expect(job?.lastError).toBe("Error: failed on purpose: f")
      expect(String(job?.lastErrorStack).includes("FailJob.perform")).toBe(true)
    })

    it("keeps the child's error and stack for a failing forked job", async () => {
      app = await JobsApp.create(config)
      await app.startMain()
      await app.startWorker()

      const id = await enqueueJob({jobName: "FailJob", args: [app.runsFile, "forked-fail"], options: {maxRetries: 0}})

      await app.waitUntil((counts) => counts.failed === 1)

      const job = await app.store().find(id)

      expect(job?.lastError).toBe("Error: failed on purpose: forked-fail")
      expect(String(job?.lastErrorStack).includes("fail-job.js")).toBe(true)
    })

    it("runs a job enqueued while no main or worker runs, once they start", async () => {
      app = await JobsApp.create(config)
      await enqueueJob({jobName: "CountJob", args: [app.runsFile, "early"], options: {forked: false}})
      await app.startMain()
      await app.startWorker()
      await app.waitUntil((counts) => counts.completed === 1)

      expect(await app.runs()).toContain("early done")
    })

    it("jobs:status prints counts by state and failed jobs with their last error", async () => {
      app = await JobsApp.create(config)
      await enqueueJob({jobName: "CountJob", args: [app.runsFile, "waiting"]})
      await enqueueJob({jobName: "FailJob", args: [app.runsFile, "bad"], options: {forked: false, maxRetries: 0}})
      await app.startMain()
      await app.startWorker()
      await app.waitUntil((counts) => counts.failed === 1 && counts.completed === 1)

      const status = app.spawn(["jobs:status"])

      expect(await status.exited).toBe(0)
      expect(status.output()).toMatch(/completed\s+1/)
      expect(status.output()).toMatch(/failed\s+1/)
      expect(status.output()).toMatch(/FailJob {2}attempts 1 {2}Error: failed on purpose: bad/)
    })
  })
}
