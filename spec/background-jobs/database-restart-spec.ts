import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {enqueueJob} from "velocious/build/src/background-jobs/enqueue.js"
import {closeMainNotifier} from "velocious/build/src/background-jobs/notify-main.js"
import {privateServerUnavailable, startPrivateServer, type PrivateServer} from "../database/support/private-server.js"
import {JobsApp} from "./support/jobs-app.js"

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function countBy(lines: string[], event: string): Map<string, number> {
  const counts = new Map<string, number>()

  for (const line of lines) {
    const [marker, seen] = line.split(" ")

    if (seen === event) counts.set(marker, (counts.get(marker) || 0) + 1)
  }

  return counts
}

async function enqueueMany(app: JobsApp, prefix: string, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await enqueueJob({jobName: "CountJob", args: [app.runsFile, `${prefix}${index}`, 20], options: {forked: false}})
}

// A private server on its own port (the shared ones are never touched), stopped and started
// while the main and two workers are busy with jobs.
for (const dialect of ["pgsql", "mysql"] as const) describe(`background jobs: ${dialect === "pgsql" ? "PostgreSQL" : "MariaDB"} stopped and started under load`, {skip: privateServerUnavailable(dialect), timeoutSeconds: 120}, () => {
  let database: PrivateServer
  let app: JobsApp

  beforeAll(async () => {
    database = await startPrivateServer(dialect)
    app = await JobsApp.create(database.config)
  })

  afterAll(async () => {
    closeMainNotifier()
    await app?.close()
    await database?.destroy()
  })

  it("the main and workers reconnect by themselves, and no job is lost or run twice", async () => {
    const main = await app.startMain()
    const workers = [await app.startWorker(["--concurrency", "2"]), await app.startWorker(["--concurrency", "2"])]

    await enqueueMany(app, "before", 150)

    // Stopped mid-run: some jobs done, some running, the rest still queued.
    while (countBy(await app.runs(), "done").size < 30) await delay(20)

    await database.stop()

    const doneWhileDown = countBy(await app.runs(), "done").size

    await delay(2000)
    await database.start()

    const restartedAt = Date.now()
    // Jobs enqueued after the restart need the main's next claim to work too.
    await enqueueMany(app, "after", 50)

    // Well inside the app's 60 s lease: a job left handed off to nobody (a claim whose answer the
    // restart swallowed) would only come back when its lease ran out, and miss this.
    const counts = await app.waitUntil((state) => state.completed === 200, 40_000)
    const finishedMs = Date.now() - restartedAt
    const runs = await app.runs()
    const starts = countBy(runs, "start")
    const dones = countBy(runs, "done")

    console.log(`jobs across a ${dialect} restart: ${doneWhileDown} of 150 done when it stopped, ${counts.completed} completed ${finishedMs} ms after it was back, ${[...starts.values()].filter((count) => count > 1).length} started more than once`)
    expect(starts.size).toBe(200)
    expect([...starts.entries()].filter(([, count]) => count !== 1)).toEqual([])
    expect([...dones.entries()].filter(([, count]) => count !== 1)).toEqual([])
    expect(doneWhileDown).toBeLessThan(150)
    expect(main.child.exitCode).toBe(null)
    for (const worker of workers) expect(worker.child.exitCode).toBe(null)
  })
})
