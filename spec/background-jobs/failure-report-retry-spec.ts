import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import BackgroundJobsMain from "velocious/build/src/background-jobs/main.js"
import JobStore from "velocious/build/src/background-jobs/job-store.js"
import {readMessages, send, type Message} from "velocious/build/src/background-jobs/protocol.js"

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// A worker's failure report that arrives while the database cannot take it (a restart, here a
// trigger on a real SQLite file refusing updates for a while) must still be recorded once it can: dropped,
// the job would stay handed off to nobody until its lease ran out.
describe("background jobs: the main records a failure report the database refused at first", {timeoutSeconds: 30}, () => {
  it("retries the failure until it is stored, and the job is queued again for its retry", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-failure-retry-"))
    const configuration = new Configuration({
      environment: "test",
      directory,
      logging: {console: false},
      database: {test: {default: {type: "sqlite", name: path.join(directory, "jobs.sqlite")}}},
      backgroundJobs: {host: "127.0.0.1", port: 0, leaseSeconds: 600, retryBackoffScale: 0.001, pollIntervalMs: 100000}
    })
    const errors: unknown[] = []
    const main = new BackgroundJobsMain({configuration, port: 0, onError: (error) => errors.push(error)})
    const store = JobStore.forConfiguration(configuration)
    let worker: net.Socket | undefined

    try {
      await configuration.ensureGlobalConnections()
      await store.ensureTable()

      const id = await store.insert({jobName: "AnyJob", args: "[]", forked: false, maxRetries: 3})
      const {port} = await main.start()
      const jobs: Extract<Message, {type: "job"}>[] = []

      worker = net.connect({host: "127.0.0.1", port})
      readMessages(worker, (message) => { if (message.type === "job") jobs.push(message) })
      await new Promise((resolve) => worker!.once("connect", resolve))
      send(worker, {type: "hello", workerId: "stand-in", slots: 1})
      for (let waited = 0; jobs.length === 0 && waited < 5000; waited += 20) await delay(20)
      expect(jobs.map((job) => job.id)).toEqual([id])

      const connection = configuration.getDatabasePool("default").getCurrentConnection()

      // Every UPDATE of the table fails until the trigger is dropped.
      await connection.execute("CREATE TRIGGER refuse_updates BEFORE UPDATE ON background_jobs BEGIN SELECT RAISE(ABORT, 'the database is unavailable'); END")
      send(worker, {type: "failed", id, claimToken: jobs[0].claimToken, error: "Error: the job's database was down", stack: null})
      await delay(300)
      await connection.execute("DROP TRIGGER refuse_updates")

      let job = await store.find(id)

      for (let waited = 0; job?.attempts === 0 && waited < 5000; waited += 50) {
        await delay(50)
        job = await store.find(id)
      }

      expect(errors.length > 0).toBe(true)
      expect(job?.attempts).toBe(1)
      expect(job?.lastError).toEqual("Error: the job's database was down")
      // Queued for its retry, or already handed out again for it.
      expect(job?.state === "queued" || job?.state === "handed_off").toBe(true)
    } finally {
      worker?.destroy()
      await main.stop()
      await configuration.closeDatabaseConnections()
      fs.rmSync(directory, {recursive: true, force: true})
    }
  })
})
