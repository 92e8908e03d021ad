import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {baseConfig, connectDriver, testDatabases} from "./support/test-databases.js"

const mysql = testDatabases.find((each) => each.dialect === "mysql")

/** Prepared statements open on the server, across all sessions (MariaDB keeps no per-session list without performance_schema). */
async function serverStatementCount(db: BaseDriver): Promise<number> {
  const [row] = await db.query<{Value: string}>("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'")

  return Number(row.Value)
}

// mysql2 prepares every statement with values once per connection and keeps it open on the
// server. The server caps open statements for all sessions together (max_prepared_stmt_count,
// 16382 by default), so each connection must keep only its statementCacheSize most recent.
describe("database - mysql - prepared statements", {skip: mysql?.skip ?? "mysql is not among VELOCIOUS_TEST_DATABASES"}, () => {
  let db: BaseDriver
  const connect = (extra: Partial<DriverConfig> = {}) => connectDriver({...baseConfig("mysql"), ...extra})

  beforeEach(async () => {
    db = await connect()
  })

  afterEach(async () => {
    await db.close()
  })

  it("closes the least recently used statements on the server beyond statementCacheSize", async () => {
    const small = await connect({statementCacheSize: 3})

    try {
      const before = await serverStatementCount(small)

      for (let round = 0; round < 20; round++) {
        expect(await small.query(`SELECT ? + ${round} AS n`, [round])).toEqual([{n: round * 2}])
      }

      expect(await serverStatementCount(small) - before).toBe(3)

      // The most recent ones are still prepared: running them again opens no more.
      for (let round = 17; round < 20; round++) await small.query(`SELECT ? + ${round} AS n`, [round])

      expect(await serverStatementCount(small) - before).toBe(3)
    } finally {
      await small.close()
    }
  })

  it("keeps 1000 per connection by default", async () => {
    const before = await serverStatementCount(db)

    for (let round = 0; round < 1005; round++) await db.query(`SELECT ? + ${round} AS n`, [round])

    expect(await serverStatementCount(db) - before).toBe(1000)
  })

  it("refuses a statementCacheSize that is not a positive whole number", async () => {
    await expect(connect({statementCacheSize: 0})).rejects.toThrow("statementCacheSize in the mysql database configuration must be a positive whole number")
    await expect(connect({statementCacheSize: 2.5})).rejects.toThrow("statementCacheSize in the mysql database configuration must be a positive whole number")
  })
})
