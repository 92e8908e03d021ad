import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {DatabaseConnectionLostError, DatabaseError, NotConnectedError} from "velocious/build/src/database/drivers/base/errors.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import type BasePool from "velocious/build/src/database/pool/base-pool.js"
import {baseConfig, connectDriver, testDatabases} from "../support/test-databases.js"

// Killing a backend from a second session is how a server restart or an admin's kill looks to
// the client, without restarting a server other suites are using at the same time.
const dialectSql = {
  pgsql: {pid: "SELECT pg_backend_pid() AS pid", kill: (pid: number) => `SELECT pg_terminate_backend(${pid})`, sleep: "SELECT pg_sleep(5)"},
  mysql: {pid: "SELECT CONNECTION_ID() AS pid", kill: (pid: number) => `KILL ${pid}`, sleep: "SELECT SLEEP(5)"}
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The server closes the socket shortly after the kill; the driver learns of it from its client's events. */
async function waitUntilDisconnected(connection: BaseDriver, timeoutMs = 3000): Promise<void> {
  const started = Date.now()

  while (connection.isConnected() && Date.now() - started < timeoutMs) await delay(10)
}

for (const database of testDatabases.filter((each) => each.dialect === "pgsql" || each.dialect === "mysql")) {
  const sql = dialectSql[database.dialect as "pgsql" | "mysql"]

  describe(`database - ${database.dialect} - connections dropped by the server`, {skip: database.skip}, () => {
    let configuration: Configuration
    let pool: BasePool
    let killer: BaseDriver

    const makePool = (extra: Partial<DriverConfig> = {}) => {
      configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: {...baseConfig(database.dialect), ...extra}}}})
      pool = configuration.getDatabasePool()
    }
    const backendPid = async (connection: BaseDriver) => Number((await connection.query<{pid: number | string}>(sql.pid))[0].pid)
    const kill = async (pid: number) => { await killer.query(sql.kill(pid)) }

    beforeEach(async () => {
      killer = await connectDriver(baseConfig(database.dialect))
      makePool()
    })

    afterEach(async () => {
      await configuration.closeDatabaseConnections()
      await killer.close()
    })

    it("marks an idle pooled connection disconnected, fails its next query clearly, and replaces it on checkout", async () => {
      const {connection, pid} = await pool.withConnection(async (connection) => ({connection, pid: await backendPid(connection)}))

      await kill(pid)
      await waitUntilDisconnected(connection)

      expect(connection.isConnected()).toBe(false)
      await expect(connection.query("SELECT 1 AS one")).rejects.toThrow(NotConnectedError)
      await expect(connection.query("SELECT 1 AS one")).rejects.toThrow(`The ${database.dialect} connection was lost`)

      const fresh = await pool.withConnection(async (each) => ({connection: each, pid: await backendPid(each), rows: await each.query<{one: number}>("SELECT 1 AS one")}))

      expect(fresh.connection).not.toBe(connection)
      expect(fresh.pid).not.toBe(pid)
      expect(Number(fresh.rows[0].one)).toBe(1)
    })

    it("rejects an in-flight query promptly with a connection-lost error, then hands out a working connection", async () => {
      let lost: BaseDriver | undefined
      let connectedWhenRejected: boolean | undefined
      const started = Date.now()
      const error = await pool.withConnection(async (connection) => {
        lost = connection

        const pid = await backendPid(connection)
        const killing = delay(100).then(() => kill(pid))
        const result = await connection.query(sql.sleep).then(() => undefined, (caught: unknown) => {
          connectedWhenRejected = connection.isConnected()

          return caught
        })

        await killing

        return result
      })
      const elapsed = Date.now() - started

      expect(error).toBeInstanceOf(DatabaseConnectionLostError)
      expect(error).toBeInstanceOf(DatabaseError)
      expect((error as Error).message).toMatch(/Lost the connection to (PostgreSQL|MySQL\/MariaDB) while running a statement/)
      expect((error as DatabaseConnectionLostError).sql).toBe(sql.sleep)
      // Far below the 5 s the statement would have slept: the kill ended it, not a timeout.
      expect(elapsed).toBeLessThan(2500)
      // Marked the moment the query failed (PostgreSQL's socket closes a tick later), so the
      // pool's checkin, which runs as soon as the callback settles, never keeps or hands it on.
      expect(connectedWhenRejected).toBe(false)
      expect((lost as BaseDriver).isConnected()).toBe(false)

      const rows = await pool.withConnection(async (connection) => {
        expect(connection).not.toBe(lost)

        return await connection.query<{one: number}>("SELECT 1 AS one")
      })

      expect(Number(rows[0].one)).toBe(1)
    })

    it("fails a transaction whose connection dies with a connection error and leaves no transaction open", async () => {
      const error = await pool.withConnection(async (connection) => {
        const pid = await backendPid(connection)

        return await connection.transaction(async () => {
          await kill(pid)
          await connection.query(sql.sleep)
        }).then(() => undefined, (caught: unknown) => caught)
      })

      // The kill can land before or during the sleep; either way it is a connection error, not a hang.
      expect(error).toBeInstanceOf(DatabaseError)
      expect(String((error as Error).message)).toMatch(/connection was lost|Lost the connection/)
      expect(await pool.withConnection(async (connection) => connection.isInTransaction())).toBe(false)
    })

    it("gives a caller waiting on a full pool a fresh connection when the busy one dies", async () => {
      await configuration.closeDatabaseConnections()
      makePool({maxConnections: 1})

      let holderPid = 0
      let release!: () => void
      const held = new Promise<void>((resolve) => { release = resolve })
      const holder = pool.withConnection(async (connection) => {
        holderPid = await backendPid(connection)
        await held

        return await connection.query(sql.sleep).then(() => "finished", () => "lost")
      })

      while (holderPid === 0) await delay(5)

      const waiter = pool.withConnection(async (connection) => await backendPid(connection))

      release()
      await delay(100)
      await kill(holderPid)

      expect(await holder).toBe("lost")

      const waiterPid = await waiter

      expect(waiterPid).not.toBe(holderPid)
      expect(waiterPid).toBeGreaterThan(0)
    })
  })
}
