import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {describe, it, expect, afterEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import type {DatabaseConnectionOptions} from "velocious/build/src/configuration/options.js"
import AsyncTrackedMultiConnection from "velocious/build/src/database/pool/async-tracked-multi-connection.js"
import {NoCurrentConnectionError, PoolTimeoutError} from "velocious/build/src/database/pool/pool-errors.js"
import {execFileSync} from "node:child_process"
import {fileURLToPath} from "node:url"

const configurations: Configuration[] = []

/** A test-environment configuration with these SQLite databases, in a fresh app directory (closed after each test). */
function configurationWith(databases: Record<string, DatabaseConnectionOptions>) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-pool-"))

  fs.mkdirSync(path.join(directory, "db"))

  const configuration = new Configuration({directory, environment: "test", logging: {console: false}, database: {test: databases}})

  configurations.push(configuration)

  return configuration
}

function sqliteConfiguration(extra: Partial<DatabaseConnectionOptions> = {}) {
  return configurationWith({default: {type: "sqlite", name: "pool-test", ...extra}})
}

/** Two SQLite databases, `default` and `analytics`. */
function twoDatabaseConfiguration() {
  return configurationWith({default: {type: "sqlite", name: "a"}, analytics: {type: "sqlite", name: "b"}})
}

describe("AsyncTrackedMultiConnection", () => {
  afterEach(async () => {
    for (const configuration of configurations.splice(0)) await configuration.closeDatabaseConnections()
  })

  it("is the default pool class", () => {
    expect(sqliteConfiguration().getDatabasePool("default")).toBeInstanceOf(AsyncTrackedMultiConnection)
  })

  it("pins one connection to the async context, across awaits", async () => {
    const configuration = sqliteConfiguration()
    const pool = configuration.getDatabasePool()

    await configuration.ensureConnections(async ({default: connection}) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      expect(pool.getCurrentConnection()).toBe(connection)

      await pool.withConnection(async (nested) => {
        expect(nested).toBe(connection)
      })
    })
  })

  it("gives concurrent contexts their own connections", async () => {
    const configuration = sqliteConfiguration({maxConnections: 3})
    const pool = configuration.getDatabasePool()
    const seen = await Promise.all([1, 2, 3].map(() => pool.withConnection(async (connection) => {
      await new Promise((resolve) => setTimeout(resolve, 5))

      return connection
    })))

    expect(new Set(seen).size).toBe(3)
  })

  it("reuses released connections", async () => {
    const pool = sqliteConfiguration().getDatabasePool()
    const first = await pool.withConnection(async (connection) => connection)
    const second = await pool.withConnection(async (connection) => connection)

    expect(second).toBe(first)
  })

  it("releases the connection when the callback throws", async () => {
    const pool = sqliteConfiguration({maxConnections: 1, checkoutTimeoutSeconds: 0.2}).getDatabasePool() as AsyncTrackedMultiConnection

    await expect(pool.withConnection(async () => { throw new Error("callback failed") })).rejects.toThrow("callback failed")
    expect(pool.getStats().busy).toBe(0)
    expect(await pool.withConnection(async () => "checked out again")).toBe("checked out again")
  })

  it("releases the connection and rejects when the callback throws synchronously, or returns a plain value", async () => {
    const pool = sqliteConfiguration({maxConnections: 1, checkoutTimeoutSeconds: 0.2}).getDatabasePool() as AsyncTrackedMultiConnection
    const throwing = pool.withConnection(() => { throw new Error("thrown before any await") })

    expect(throwing).toBeInstanceOf(Promise)
    await expect(throwing).rejects.toThrow("thrown before any await")
    expect(pool.getStats().busy).toBe(0)

    expect(await pool.withConnection(() => 42)).toBe(42)
    expect(pool.getStats().busy).toBe(0)

    await pool.withConnection(async () => {
      // Nested: reuses the context's connection, and a throw there is a rejection too.
      await expect(pool.withConnection(() => { throw new Error("nested throw") })).rejects.toThrow("nested throw")
      expect(pool.getStats().busy).toBe(1)
    })
    expect(pool.getStats().busy).toBe(0)
  })

  it("runs ensureConnections with connections to every database and releases them all, also on a synchronous throw", async () => {
    const configuration = twoDatabaseConfiguration()

    const pools = ["default", "analytics"].map((identifier) => configuration.getDatabasePool(identifier) as AsyncTrackedMultiConnection)
    const seen = await configuration.ensureConnections((connections) => {
      expect(pools[0].getCurrentConnection()).toBe(connections.default)
      expect(pools[1].getCurrentConnection()).toBe(connections.analytics)
      expect(pools.map((pool) => pool.getStats().busy)).toEqual([1, 1])

      return Object.keys(connections)
    })

    expect(seen).toEqual(["default", "analytics"])
    await expect(configuration.ensureConnections(() => { throw new Error("sync failure") })).rejects.toThrow("sync failure")
    expect(pools.map((pool) => pool.getStats().busy)).toEqual([0, 0])
  })

  it("times out a checkout with a message saying how many are busy and for how long", async () => {
    const pool = sqliteConfiguration({maxConnections: 2, checkoutTimeoutSeconds: 0.2}).getDatabasePool()
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => { release = resolve })
    const holders = [pool.withConnection(() => held), pool.withConnection(() => held)]

    await expect(pool.withConnection(async () => "never")).rejects.toThrow(PoolTimeoutError)
    await expect(pool.withConnection(async () => "never")).rejects.toThrow(/all 2 of 2 connections are busy, the longest for 0\.\d+s/)
    release()
    await Promise.all(holders)
  })

  it("hands a released connection to a waiting caller", async () => {
    const pool = sqliteConfiguration({maxConnections: 1, checkoutTimeoutSeconds: 2}).getDatabasePool()
    const order: string[] = []
    const first = pool.withConnection(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      order.push("first")
    })
    const second = pool.withConnection(async () => { order.push("second") })

    await Promise.all([first, second])
    expect(order).toEqual(["first", "second"])
  })

  it("replaces a connection that was closed underneath it", async () => {
    const pool = sqliteConfiguration().getDatabasePool()
    const first = await pool.withConnection(async (connection) => connection)

    await first.close()

    const second = await pool.withConnection(async (connection) => {
      expect(await connection.query("SELECT 1 AS one")).toEqual([{one: 1}])

      return connection
    })

    expect(second).not.toBe(first)
  })

  it("explains what to do when there is no connection in the context", () => {
    const pool = sqliteConfiguration().getDatabasePool()

    expect(() => pool.getCurrentConnection()).toThrow(NoCurrentConnectionError)
    expect(() => pool.getCurrentConnection()).toThrow(/configuration\.ensureConnections.*pool\.ensureGlobalConnection\(\)/)
  })

  it("falls back to the global connection outside a context, and prefers the context's", async () => {
    const configuration = sqliteConfiguration()
    const pool = configuration.getDatabasePool("default")

    await pool.ensureGlobalConnection()

    const db = pool.getCurrentConnection()

    expect(await db.query("SELECT 2 AS two")).toEqual([{two: 2}])
    expect(await pool.ensureGlobalConnection()).toBe(db)

    await pool.withConnection(async (connection) => {
      expect(connection).not.toBe(db)
      expect(pool.getCurrentConnection()).toBe(connection)
    })
  })

  it("primes every pool with configuration.ensureGlobalConnections()", async () => {
    const configuration = twoDatabaseConfiguration()
    await configuration.ensureGlobalConnections()

    expect(await configuration.getDatabasePool("default").getCurrentConnection().query("SELECT 1 AS one")).toEqual([{one: 1}])
    expect(await configuration.getDatabasePool("analytics").getCurrentConnection().query("SELECT 1 AS one")).toEqual([{one: 1}])
  })

  it("shares the single connection of an in-memory SQLite database", async () => {
    const configuration = new Configuration({environment: "test", database: {test: {default: {type: "sqlite", name: ":memory:"}}}})
    const pool = configuration.getDatabasePool() as AsyncTrackedMultiConnection

    configurations.push(configuration)
    expect(pool.maxConnections).toBe(1)

    await pool.withConnection(async (db) => {
      await db.execute("CREATE TABLE notes (body text)")
      await db.execute("INSERT INTO notes (body) VALUES (?)", ["kept"])
    })

    await pool.ensureGlobalConnection()
    expect(await pool.getCurrentConnection().query("SELECT body FROM notes")).toEqual([{body: "kept"}])
  })

  it("routes each statement outside a context to an idle connection and takes it back when it answers", async () => {
    const pool = sqliteConfiguration({maxConnections: 2}).getDatabasePool() as AsyncTrackedMultiConnection
    const db = await pool.ensureGlobalConnection()

    expect(pool.getCurrentConnection()).toBe(db)
    expect(await db.query("SELECT 1 AS one")).toEqual([{one: 1}])
    expect(pool.getStats().busy).toBe(0)

    // Inside a pinned context the router sends statements to that context's connection.
    await pool.withConnection(async (pinned) => {
      await pinned.execute("CREATE TABLE pinned_marker (id integer)")
      expect(await db.query("SELECT COUNT(*) AS count FROM pinned_marker")).toEqual([{count: 0}])
      expect(pool.getStats()).toMatchObject({busy: 1, idle: 0})
    })

    // A connection pinned by another flow is not used: the statement takes (opens) another one.
    let release: () => void = () => undefined
    const held = pool.withConnection(() => new Promise<void>((resolve) => { release = resolve }))

    expect(await db.query("SELECT 1 AS one")).toEqual([{one: 1}])
    expect(pool.getStats()).toMatchObject({busy: 1, idle: 1})
    release()
    await held
    expect(pool.getStats()).toEqual({busy: 0, idle: 2, max: 2, longestBusySeconds: 0})
  })

  it("makes a routed statement wait while every connection is pinned, and run once one is released", async () => {
    const pool = sqliteConfiguration({maxConnections: 1, checkoutTimeoutSeconds: 2}).getDatabasePool()
    const db = await pool.ensureGlobalConnection()
    const order: string[] = []
    const held = pool.withConnection(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30))
      order.push("pinned done")
    })
    const routed = Promise.resolve(db.query("SELECT 1 AS one")).then((rows) => { order.push("routed ran") ; return rows })

    expect(await routed).toEqual([{one: 1}])
    await held
    expect(order).toEqual(["pinned done", "routed ran"])
  })

  it("pins one connection for a transaction through the router, and rolls back only its own work", async () => {
    const pool = sqliteConfiguration().getDatabasePool() as AsyncTrackedMultiConnection
    const db = await pool.ensureGlobalConnection()

    await db.transaction(async () => {
      const connection = pool.getCurrentConnection()

      expect(connection).not.toBe(db)
      expect(connection.isInTransaction()).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 5))
      // Still the same connection after the await.
      expect(pool.getCurrentConnection()).toBe(connection)
    })

    await db.execute("CREATE TABLE notes (body text)")
    for (const body of ["kept", "undone"]) {
      await db.transaction(async () => {
        await pool.getCurrentConnection().execute("INSERT INTO notes (body) VALUES (?)", [body])
        if (body === "undone") throw new Error("roll this one back")
      }).catch((error: Error) => expect(error.message).toBe("roll this one back"))
    }

    expect(await db.query("SELECT body FROM notes")).toEqual([{body: "kept"}])
    expect(db.isInTransaction()).toBe(false)
    expect(pool.getStats().busy).toBe(0)
  })

  it("gives a SQLite file one connection by default: a write waits for another caller's transaction instead of blocking the thread on the file lock", async () => {
    const pool = sqliteConfiguration().getDatabasePool() as AsyncTrackedMultiConnection
    const db = await pool.ensureGlobalConnection()

    expect(pool.maxConnections).toBe(1)
    await db.execute("CREATE TABLE notes (body text)")

    const order: string[] = []
    const transaction = db.transaction(async () => {
      await pool.getCurrentConnection().execute("INSERT INTO notes (body) VALUES (?)", ["in the transaction"])
      await new Promise((resolve) => setTimeout(resolve, 30))
      order.push("committed")
    })
    const write = Promise.resolve(db.execute("INSERT INTO notes (body) VALUES (?)", ["outside"])).then(() => order.push("written"))

    await Promise.all([transaction, write])
    expect(order).toEqual(["committed", "written"])
    expect((await db.query("SELECT body FROM notes ORDER BY rowid")).map((row) => row.body)).toEqual(["in the transaction", "outside"])
  })

  it("turns async_hooks back off once no connection is pinned", async () => {
    // In a process of its own: anything else in this one (another spec, a client library) may have turned them on.
    const output = execFileSync(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), "support/async-hooks-probe.mjs")], {encoding: "utf8"})

    expect(JSON.parse(output)).toEqual({atStart: false, afterStatement: false, inTransaction: true, inEnsureConnections: true, afterwards: false})
  })

  it("names the missing database identifier and the configured ones", () => {
    expect(() => sqliteConfiguration().getDatabasePool("analytics")).toThrow("No database 'analytics' configured for the test environment. Configured: default")
  })
})
