import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import {connectDriver} from "../database/support/test-databases.js"
import {privateServerUnavailable, startPrivateServer, type PrivateServer} from "../database/support/private-server.js"
import {request} from "./support/http-request.js"
import {answered, errorCount, startLoad} from "./support/load.js"
import {spawnUntilListening, type ServerProcess} from "./support/server-process.js"
import {writeTasksApp} from "./support/tasks-app.js"
import {packageRoot, TempApp} from "./support/temp-app.js"

const binary = path.join(packageRoot, "build/bin/velocious.js")
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function seedTasks(database: PrivateServer): Promise<void> {
  const driver = await connectDriver(database.config)

  try {
    await new SchemaStatements(driver).createTable("tasks", (t) => {
      t.string("name")
      t.string("state")
      t.timestamps()
    })
    for (let index = 0; index < 30; index++) await driver.execute("INSERT INTO tasks (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)", [`Task ${index}`, "open", new Date(), new Date()])
  } finally {
    await driver.close()
  }
}

// The database is a private server started here on its own port (never the shared one), so it can
// be stopped and started while the HTTP server is under load.
for (const dialect of ["pgsql", "mysql"] as const) {
  describe(`HTTP under load while ${dialect} restarts`, {skip: privateServerUnavailable(dialect), timeoutSeconds: 120}, () => {
    let database: PrivateServer
    let app: TempApp
    let server: ServerProcess

    beforeAll(async () => {
      database = await startPrivateServer(dialect)
      await seedTasks(database)
      app = new TempApp(`http-${dialect}-restart`)
      writeTasksApp(app, {...database.config, connectTimeoutMs: 2000})
      server = await spawnUntilListening([binary, "server", "--port", "0"], {cwd: app.directory})
    })

    afterAll(async () => {
      if (server && server.child.exitCode === null) {
        server.child.kill("SIGTERM")
        await server.exited
      }
      app?.remove()
      await database?.destroy()
    })

    for (const crash of [false, true]) it(`answers 5xx while the database is down${crash ? " after a crash" : ""}, never crashes or hangs, and serves 200 again once it is back, by itself`, async () => {
      expect((await request(server.port, "GET", "/tasks")).status).toBe(200)

      const load = startLoad({port: server.port, path: "/tasks", connections: 20})

      await delay(800)

      const beforeStop = answered(load.counts, 200)

      await database.stop({crash})
      await delay(1500)
      await database.start()

      const restartedAt = Date.now()
      const okAtRestart = answered(load.counts, 200)

      // Recovered: a run of answers 200 after the restart, with nothing done to the server.
      while (answered(load.counts, 200) < okAtRestart + 200 && Date.now() - restartedAt < 30_000) await delay(50)

      const recoveredMs = Date.now() - restartedAt
      const counts = await load.stop()
      const failedStatuses = Object.entries(counts.statuses).filter(([status]) => status !== "200")

      console.log(`${dialect} ${crash ? "crash" : "restart"} under load: ${beforeStop} answered 200 before the stop, ${failedStatuses.map(([status, count]) => `${count} answered ${status}`).join(", ") || "none failed"} while it was down, 200s again ${recoveredMs} ms after it was back, ${errorCount(counts)} without an answer`)

      expect(answered(counts, 200)).toBeGreaterThanOrEqual(okAtRestart + 200)
      expect(beforeStop).toBeGreaterThan(0)
      expect(errorCount(counts)).toBe(0)
      for (const [status] of failedStatuses) expect(Number(status)).toBeGreaterThanOrEqual(500)
      expect(server.child.exitCode).toBe(null)

      for (let index = 0; index < 20; index++) expect((await request(server.port, "GET", "/tasks")).status).toBe(200)
    })
  })
}
