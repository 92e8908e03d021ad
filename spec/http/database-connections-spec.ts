import Configuration from "velocious/build/src/configuration.js"
import type AsyncTrackedMultiConnection from "velocious/build/src/database/pool/async-tracked-multi-connection.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../database/support/test-databases.js"
import {request} from "./support/http-request.js"
import {lines, TempApp} from "./support/temp-app.js"

const table = "http_connection_notes"

function writeApp(app: TempApp): void {
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.get(\"ping\")",
    "  route.get(\"hold\")",
    "  route.get(\"peek\")",
    "  route.get(\"boom\")",
    "})",
    "export default {routes}"
  ))
  app.write("src/routes/_root/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class RootController extends Controller {",
    "  db() { return this.getConfiguration().getDatabasePool().getCurrentConnection() }",
    "  async ping() { this.renderJson({pong: true}) }",
    "  async hold() {",
    "    const db = this.db()",
    "    let inside",
    "    await db.transaction(async () => {",
    "      // Through the reference taken before the transaction: still the transaction's connection.",
    `      await db.execute("INSERT INTO ${table} (body) VALUES (?)", ["held"])`,
    "      inside = db.isInTransaction()",
    "      await new Promise((resolve) => setTimeout(resolve, Number(this.params().ms)))",
    "    })",
    "    this.renderJson({inside})",
    "  }",
    "  async peek() {",
    "    const db = this.db()",
    `    const rows = await db.query("SELECT COUNT(*) AS count FROM ${table}")`,
    "    this.renderJson({inTransaction: db.isInTransaction(), busy: this.getConfiguration().getDatabasePool().getStats().busy, count: Number(rows[0].count)})",
    "  }",
    "  async boom() {",
    "    await this.db().query(\"SELECT 1 AS one\")",
    "    throw new Error(\"failed after using the database\")",
    "  }",
    "}"
  ))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Actions reach the database through the pool's statement router: a statement borrows a
// connection while it runs, a transaction pins one to its async context. These specs pin down
// what that must keep doing on every database.
for (const {dialect, config, skip} of testDatabases) {
  describe(`HTTP server with a database - ${dialect}`, {skip}, () => {
    let app: TempApp
    let configuration: Configuration
    let server: HttpServer
    let port: number
    let pool: AsyncTrackedMultiConnection

    beforeAll(async () => {
      app = new TempApp("http-connections")
      writeApp(app)

      // In-memory SQLite has a single shared connection; a file has one per checkout, like the servers.
      const databaseConfig = dialect === "sqlite" ? {type: "sqlite" as const, name: "http-connections"} : {...config}

      app.write("db/.keep", "")
      configuration = new Configuration({
        directory: app.directory,
        environment: "test",
        logging: {console: false},
        database: {test: {default: {...databaseConfig, maxConnections: 2, checkoutTimeoutSeconds: 2}}}
      })
      await configuration.initialize()
      await configuration.ensureConnections(async ({default: db}) => {
        await db.execute(`DROP TABLE IF EXISTS ${table}`)
        await db.execute(`CREATE TABLE ${table} (body VARCHAR(255))`)
      })
      pool = configuration.getDatabasePool() as AsyncTrackedMultiConnection
      server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})
      port = (await server.start()).port
    })

    afterAll(async () => {
      await server?.stop()
      await configuration?.ensureConnections(async ({default: db}) => { await db.execute(`DROP TABLE IF EXISTS ${table}`) })
      await configuration?.closeDatabaseConnections()
      app?.remove()
    })

    it("serves an action that does not touch the database, and holds no connection afterwards", async () => {
      const response = await request(port, "GET", "/ping")

      expect(response.status).toBe(200)
      expect(JSON.parse(response.body)).toEqual({pong: true})
      expect(pool.getStats().busy).toBe(0)
    })

    it("releases the connection when the action throws after using it", async () => {
      // More failing requests than the pool has connections: a leaked one would make the last ones wait and time out.
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await request(port, "GET", "/boom", {headers: {accept: "application/json"}})

        expect(response.status).toBe(500)
        expect(JSON.parse(response.body).error).toContain("failed after using the database")
        expect(pool.getStats().busy).toBe(0)
      }

      expect((await request(port, "GET", "/peek")).status).toBe(200)
    })

    it("keeps one request's transaction on its own connection, so a concurrent request neither joins nor waits for it", async () => {
      const holding = request(port, "GET", "/hold?ms=400")

      await sleep(150)

      const peek = await request(port, "GET", "/peek")
      const held = await holding

      expect(peek.status).toBe(200)
      expect(held.status).toBe(200)

      const peeked = JSON.parse(peek.body)

      expect(peeked.inTransaction).toBe(false)
      // The insert was not committed yet when the other request looked, through another
      // connection (already back when it answered) while the transaction's was still out.
      expect(peeked.count).toBe(0)
      expect(peeked.busy).toBe(1)
      expect(JSON.parse(held.body).inside).toBe(true)
      expect(JSON.parse((await request(port, "GET", "/peek")).body).count).toBe(1)
      expect(pool.getStats().busy).toBe(0)
    })
  })
}
