import {describe, it, expect, afterEach} from "velocious/build/src/testing/test.js"
import {enqueueJob} from "velocious/build/src/background-jobs/enqueue.js"
import {closeMainNotifier} from "velocious/build/src/background-jobs/notify-main.js"
import {testDatabases} from "../database/support/test-databases.js"
import {freePort, JobsApp} from "./support/jobs-app.js"

async function waitForLine(app: JobsApp, line: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs

  while (!(await app.runs()).some((each) => line.test(each))) {
    if (Date.now() > deadline) throw new Error(`No run matching ${line} within ${timeoutMs}ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function countBy(lines: string[], suffix: string): Map<string, number> {
  const counts = new Map<string, number>()

  for (const line of lines) {
    const [marker, event] = line.split(" ")

    if (event === suffix) counts.set(marker, (counts.get(marker) || 0) + 1)
  }

  return counts
}

// Real processes killed for real (SIGKILL), on each database.
for (const {dialect, config, skip} of testDatabases) {
  describe(`background jobs: reliability - ${dialect}`, {skip, timeoutSeconds: 90}, () => {
    let app: JobsApp | undefined

    afterEach(async () => {
      closeMainNotifier()
      await app?.close()
      app = undefined
    })

    it("runs a job again when its worker is killed with SIGKILL mid-job", async () => {
      app = await JobsApp.create(config)
      await app.startMain()

      const doomed = await app.startWorker()
      const id = await enqueueJob({jobName: "CountJob", args: [app.runsFile, "slow", 1500], options: {forked: false}})

      await waitForLine(app, /^slow start/)
      doomed.child.kill("SIGKILL")
      await doomed.exited
      await app.startWorker()
      await app.waitUntil((counts) => counts.completed === 1)

      const runs = await app.runs()

      expect(runs.filter((line) => line.startsWith("slow start")).length).toBe(2)
      expect(runs.filter((line) => line === "slow done").length).toBe(1)
      expect((await app.store().find(id))?.lastError).toMatch(/disconnected while running the job/)
    })

    it("keeps queued jobs across a main killed and restarted, and its worker reconnects by itself", async () => {
      app = await JobsApp.create(config)

      const first = await app.startMain()

      await app.startWorker()
      first.child.kill("SIGKILL")
      await first.exited

      for (let index = 0; index < 5; index++) await enqueueJob({jobName: "CountJob", args: [app.runsFile, `queued${index}`], options: {forked: false}})
      expect((await app.store().countsByState()).queued).toBe(5)

      await app.startMain()
      await app.waitUntil((counts) => counts.completed === 5)

      expect([...countBy(await app.runs(), "done").values()]).toEqual([1, 1, 1, 1, 1])
    })

    it("re-queues a job whose lease ran out without a report (its main died after handing it out)", async () => {
      app = await JobsApp.create(config, {leaseSeconds: 0.5})

      const id = await enqueueJob({jobName: "CountJob", args: [app.runsFile, "orphan"], options: {forked: false}})
      const [claimed] = await app.store().claim({limit: 1, claimedBy: "a main that died"})

      expect(claimed.id).toBe(id)
      await app.startMain()
      await app.startWorker()
      await app.waitUntil((counts) => counts.completed === 1)

      const job = await app.store().find(id)

      expect(job?.attempts).toBe(1)
      expect(job?.lastError).toMatch(/Orphaned/)
    })

    it("never runs a job twice with two mains and three workers claiming from one database", async () => {
      app = await JobsApp.create(config)

      const secondPort = await freePort()

      await Promise.all([app.startMain(), app.spawn(["background-jobs-main"], {VELOCIOUS_BACKGROUND_JOBS_PORT: String(secondPort)}).waitFor(/listening/)])
      await Promise.all([
        app.startWorker(["--concurrency", "4"]),
        app.startWorker(["--concurrency", "4"]),
        app.startWorker(["--concurrency", "4"], secondPort)
      ])

      const total = 300

      for (let index = 0; index < total; index++) await enqueueJob({jobName: "CountJob", args: [app.runsFile, `m${index}`], options: {forked: false}})
      await app.waitUntil((counts) => counts.completed === total, 60_000)

      const starts = countBy(await app.runs(), "start")
      const connection = app.configuration!.getDatabasePool().getCurrentConnection()
      const mains = await connection.query<{claimed_by: string}>("SELECT DISTINCT claimed_by FROM background_jobs")

      expect(starts.size).toBe(total)
      expect([...starts.entries()].filter(([, count]) => count !== 1)).toEqual([])
      // Both mains handed out work, so the claims really raced.
      expect(mains.length).toBe(2)
    })
  })
}
