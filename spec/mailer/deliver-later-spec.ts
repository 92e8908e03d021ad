import path from "node:path"
import {fileURLToPath} from "node:url"
import Configuration from "velocious/build/src/configuration.js"
import {deliveries, setDeliveryHandler} from "velocious/build/src/mailer.js"
import {closeMainNotifier} from "velocious/build/src/background-jobs/notify-main.js"
import {loadAppJobs, registeredJobNames} from "velocious/build/src/background-jobs/registry.js"
import {enqueuedJobs, performEnqueuedJobs} from "velocious/build/src/background-jobs/testing.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../database/support/test-databases.js"
import TasksMailer from "./fixtures/app/src/mailers/tasks/mailer.js"

const appDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/app")
const user = {name: "Kasper", email: "kasper@example.com"}

for (const {dialect, config, skip} of testDatabases) {
  describe(`Mailers - deliverLater through background jobs - ${dialect}`, {skip}, () => {
    let configuration: Configuration
    let previous: Configuration | undefined

    beforeAll(async () => {
      previous = Configuration.hasCurrent() ? Configuration.current() : undefined
      // Port 1 never answers: the enqueue nudge fails quietly, as when no main runs.
      configuration = new Configuration({directory: appDirectory, environment: "test", logging: {console: false}, database: {test: {default: {...config}}}, backgroundJobs: {port: 1, retryBackoffScale: 0.001}})
      configuration.setCurrent()
      await configuration.ensureGlobalConnections()
    })

    afterAll(async () => {
      setDeliveryHandler(undefined)
      await configuration.getDatabasePool().getCurrentConnection().execute("DROP TABLE IF EXISTS background_jobs")
      closeMainNotifier()
      await configuration.closeDatabaseConnections()
      previous?.setCurrent()
    })

    it("enqueues a mail delivery job, which a worker (here performEnqueuedJobs) turns into the delivered mail", async () => {
      await new TasksMailer({configuration}).newNotification({id: 7}, user).deliverLater()

      expect(deliveries()).toEqual([])

      const queued = await enqueuedJobs({jobName: "Velocious.MailDelivery"})

      expect(queued.length).toEqual(1)
      expect(queued[0].args).toEqual([{mailerName: "tasks", actionName: "newNotification", args: [{id: 7}, user]}])

      await performEnqueuedJobs()

      expect(deliveries().length).toEqual(1)
      expect(deliveries()[0].html).toContain("Task 7 has just been created.")
      expect(await enqueuedJobs()).toEqual([])
    })

    it("retries a failed delivery with the jobs' retry policy, naming the mailer and action", async () => {
      setDeliveryHandler(async () => { throw new Error("provider down") })

      await new TasksMailer({configuration}).newNotification({id: 8}, user).deliverLater()
      await expect(performEnqueuedJobs()).rejects.toThrow(/tasks mailer #newNotification: .*provider down/)

      const [retry] = await configuration.getDatabasePool().getCurrentConnection().query<{state: string, last_error: string}>("SELECT state, last_error FROM background_jobs WHERE state <> ?", ["completed"])

      expect(retry.state).toEqual("queued")
      expect(String(retry.last_error)).toContain("provider down")
      setDeliveryHandler(undefined)
    })

    it("is known to workers, which load the framework's jobs with the app's", async () => {
      await loadAppJobs(configuration)

      expect(registeredJobNames()).toContain("Velocious.MailDelivery")
    })
  })
}
