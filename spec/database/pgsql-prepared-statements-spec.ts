import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {DatabaseQueryError} from "velocious/build/src/database/drivers/base/errors.js"
import type PgsqlDriver from "velocious/build/src/database/drivers/pgsql/index.js"
import {baseConfig, connectDriver, connectTestConfiguration, testDatabases} from "./support/test-databases.js"

const pgsql = testDatabases.find((each) => each.dialect === "pgsql")
const findItem = "SELECT * FROM prepared_items WHERE id = ?"

interface PreparedRow {name: string, statement: string, runs: number}

/** The server's own list of this session's prepared statements (the query itself has no values, so it is not one of them). */
async function serverStatements(db: BaseDriver): Promise<PreparedRow[]> {
  return await db.query<PreparedRow>("SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE NOT from_sql ORDER BY prepare_time, name")
}

/** pg's own client-side record of parsed statement names: an internal the driver trims (see pgsql-statement-closer.ts). */
function pgParsedNames(db: BaseDriver): string[] {
  const connection = ((db as PgsqlDriver).getRawConnection() as unknown as {connection: {parsedStatements: unknown}}).connection
  const parsed = connection.parsedStatements

  expect(typeof parsed).toBe("object")

  return Object.keys(parsed as object)
}

/** DDL that bypasses Velocious entirely, as when another process migrates the database. */
async function alterBehindVelocious(other: BaseDriver, sql: string): Promise<void> {
  await (other as PgsqlDriver).getRawConnection()?.query(sql)
}

describe("database - pgsql - prepared statements", {skip: pgsql?.skip ?? "pgsql is not among VELOCIOUS_TEST_DATABASES"}, () => {
  let db: BaseDriver
  let other: BaseDriver
  const connect = (extra: Partial<DriverConfig> = {}) => connectDriver({...baseConfig("pgsql"), ...extra})

  beforeEach(async () => {
    db = await connect()
    other = await connect()
    await db.execute("DROP TABLE IF EXISTS prepared_items")
    await db.execute("CREATE TABLE prepared_items (id serial PRIMARY KEY, name text NOT NULL)")
    await db.execute("INSERT INTO prepared_items (name) VALUES (?), (?), (?)", ["one", "two", "three"])
  })

  afterEach(async () => {
    await db.execute("DROP TABLE IF EXISTS prepared_items")
    await db.close()
    await other.close()
  })

  it("prepares a repeated statement once and runs it with each call's values", async () => {
    const names: string[] = []

    for (const id of [1, 2, 3, 1, 2]) names.push(String((await db.query<{name: string}>(findItem, [id]))[0].name))

    expect(names).toEqual(["one", "two", "three", "one", "two"])

    const prepared = (await serverStatements(db)).filter((each) => each.statement.includes("FROM prepared_items WHERE id"))

    expect(prepared).toHaveLength(1)
    expect(Number(prepared[0].runs)).toBe(5)
  })

  it("prepares INSERT ... RETURNING and UPDATE too, and leaves statements without values unprepared", async () => {
    for (const name of ["four", "five"]) await db.query("INSERT INTO prepared_items (name) VALUES (?) RETURNING id", [name])
    for (const id of [1, 2]) await db.execute("UPDATE prepared_items SET name = name || ? WHERE id = ?", ["!", id])
    await db.query("SELECT count(*) AS count FROM prepared_items")

    const prepared = (await serverStatements(db)).map((each) => ({statement: each.statement, runs: Number(each.runs)}))

    expect(prepared).toEqual([
      {statement: "INSERT INTO prepared_items (name) VALUES ($1), ($2), ($3)", runs: 1},
      {statement: "INSERT INTO prepared_items (name) VALUES ($1) RETURNING id", runs: 2},
      {statement: "UPDATE prepared_items SET name = name || $1 WHERE id = $2", runs: 2}
    ])
    expect(await db.query("SELECT name FROM prepared_items WHERE id <= 2 ORDER BY id")).toEqual([{name: "one!"}, {name: "two!"}])
  })

  it("closes the least recently used statements on the server and keeps pg's parsed-statement map bounded", async () => {
    const small = await connect({statementCacheSize: 3})

    try {
      for (let round = 0; round < 20; round++) {
        expect(await small.query(`SELECT ?::int AS n${round}`, [round])).toEqual([{[`n${round}`]: round}])
      }

      const onServer = await serverStatements(small)

      expect(onServer.map((each) => each.statement)).toEqual(["SELECT $1::int AS n17", "SELECT $1::int AS n18", "SELECT $1::int AS n19"])
      expect(pgParsedNames(small).sort()).toEqual(onServer.map((each) => each.name).sort())
    } finally {
      await small.close()
    }
  })

  it("evicting a statement whose Parse failed does not disturb the open transaction", async () => {
    const small = await connect({statementCacheSize: 2})

    try {
      await small.transaction(async () => {
        // A savepoint recovers the transaction, but the failed statement's name stays cached.
        await expect(small.transaction(() => small.query("SELECT missing_column FROM prepared_items WHERE id = ?", [1]))).rejects.toThrow(DatabaseQueryError)

        for (let round = 0; round < 4; round++) await small.query(`SELECT ?::int AS n${round}`, [round])

        await small.execute("INSERT INTO prepared_items (name) VALUES (?)", ["after"])
      })

      expect(await small.query("SELECT name FROM prepared_items WHERE name = ?", ["after"])).toEqual([{name: "after"}])
    } finally {
      await small.close()
    }
  })

  it("ALTER TABLE through the same driver, then SELECT * returns the new column, in and out of a transaction", async () => {
    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one"}])

    await db.execute("ALTER TABLE prepared_items ADD COLUMN rank integer")
    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one", rank: null}])

    // A migration: DDL and a read of the changed table in one transaction, where a stale plan could not be retried.
    await db.transaction(async () => {
      await db.execute("ALTER TABLE prepared_items ADD COLUMN note text")
      expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one", rank: null, note: null}])
    })
  })

  it("ALTER TABLE through another Velocious connection is seen before the next prepared statement, even in a transaction", async () => {
    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one"}])

    await other.execute("ALTER TABLE prepared_items ADD COLUMN rank integer")
    await db.transaction(async () => {
      expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one", rank: null}])
    })

    await other.executeScript("ALTER TABLE prepared_items DROP COLUMN rank; ALTER TABLE prepared_items ADD COLUMN note text")
    await db.transaction(async () => {
      expect(await db.query(findItem, [2])).toEqual([{id: 2, name: "two", note: null}])
    })
  })

  it("DDL rolled back with its transaction: the connection's statements prepared meanwhile are dropped", async () => {
    await expect(db.transaction(async () => {
      await db.execute("ALTER TABLE prepared_items ADD COLUMN rank integer")
      expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one", rank: null}])
      throw new Error("undo the migration")
    })).rejects.toThrow("undo the migration")

    await db.transaction(async () => {
      expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one"}])
    })
  })

  it("ALTER TABLE from outside Velocious: the next SELECT * is prepared again and rerun outside a transaction", async () => {
    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one"}])

    await alterBehindVelocious(other, "ALTER TABLE prepared_items ADD COLUMN rank integer")

    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one", rank: null}])
    expect(await db.execute("UPDATE prepared_items SET rank = ? WHERE id = ?", [5, 1])).toEqual({affectedRows: 1})
    expect((await serverStatements(db)).filter((each) => each.statement.includes("FROM prepared_items WHERE id"))).toHaveLength(1)
  })

  it("ALTER TABLE from outside Velocious inside a transaction: a clear error, and the next attempt works", async () => {
    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one"}])

    await alterBehindVelocious(other, "ALTER TABLE prepared_items ADD COLUMN rank integer")

    const attempt = () => db.transaction(async () => (await db.query(findItem, [1]))[0])

    await expect(attempt()).rejects.toThrow(/The schema changed under a prepared statement.*run the whole transaction again/)
    await expect(attempt()).resolves.toEqual({id: 1, name: "one", rank: null})
  })

  it("prepares again when its statements were deallocated behind its back", async () => {
    expect(await db.query(findItem, [1])).toEqual([{id: 1, name: "one"}])

    await (db as PgsqlDriver).getRawConnection()?.query("DEALLOCATE ALL")

    expect(await db.query(findItem, [2])).toEqual([{id: 2, name: "two"}])
  })

  it("with preparedStatements: false in the app's database configuration sends every statement unnamed", async () => {
    const {configuration} = await connectTestConfiguration({...baseConfig("pgsql"), preparedStatements: false})

    try {
      // One connection throughout, so its server-side statement list is the one looked at.
      await configuration.getDatabasePool().withConnection(async (unprepared) => {
        for (const id of [1, 2, 1]) await unprepared.query(findItem, [id])
        await unprepared.execute("UPDATE prepared_items SET name = ? WHERE id = ?", ["uno", 1])

        expect(await unprepared.query(findItem, [1])).toEqual([{id: 1, name: "uno"}])
        expect(await serverStatements(unprepared)).toEqual([])
        expect(pgParsedNames(unprepared)).toEqual([])
      })
    } finally {
      await configuration.closeDatabaseConnections()
    }
  })

  it("refuses a preparedStatements or statementCacheSize that is not what it means", async () => {
    await expect(connect({preparedStatements: "no" as unknown as boolean})).rejects.toThrow("preparedStatements in the pgsql database configuration must be true or false")
    await expect(connect({statementCacheSize: 0})).rejects.toThrow("statementCacheSize in the pgsql database configuration must be a positive whole number")
  })

  it("still binds hostile values as values", async () => {
    const hostile = ["'); DROP TABLE prepared_items; --", "$1", "?", "velocious_1", "\\'\""]

    for (const name of hostile) await db.execute("INSERT INTO prepared_items (name) VALUES (?)", [name])

    const stored = await db.query<{name: string}>(`SELECT name FROM prepared_items WHERE name IN (${hostile.map(() => "?").join(", ")}) ORDER BY id`, hostile)

    expect(stored.map((each) => each.name)).toEqual(hostile)
    expect(await db.query("SELECT count(*)::int AS count FROM prepared_items")).toEqual([{count: 8}])
  })

  it("starts a reconnected session with no statements and prepares them on the new one", async () => {
    await db.query(findItem, [1])
    await db.close()
    await db.connect()

    expect(await serverStatements(db)).toEqual([])
    expect(await db.query(findItem, [3])).toEqual([{id: 3, name: "three"}])
    expect((await serverStatements(db)).map((each) => each.statement)).toEqual(["SELECT * FROM prepared_items WHERE id = $1"])
  })
})
