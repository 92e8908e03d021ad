import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {connectDriver} from "./support/test-databases.js"

// The SQLite driver reads rows as arrays and names them itself (see sqlite-row-reader.ts):
// what it hands out must be exactly the rows better-sqlite3 would have made.
describe("drivers - sqlite - rows read as arrays", () => {
  let directory: string
  let db: BaseDriver
  let other: BaseDriver

  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-rows-"))
    db = await connectDriver({type: "sqlite", name: path.join(directory, "rows.sqlite")})
    other = await connectDriver({type: "sqlite", name: path.join(directory, "rows.sqlite")})
    await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, position INTEGER)")
    await db.execute("INSERT INTO notes (body, position) VALUES (?, ?), (?, ?)", ["a", 1, "b", 2])
  })

  afterEach(async () => {
    await other.close()
    await db.close()
    fs.rmSync(directory, {recursive: true, force: true})
  })

  it("names each value by its result column, for lists and single rows", async () => {
    expect(await db.query("SELECT * FROM notes ORDER BY id")).toEqual([{id: 1, body: "a", position: 1}, {id: 2, body: "b", position: 2}])
    expect(await db.queryFirstNow("SELECT body AS text, position * 10 AS tenfold FROM notes WHERE id = ?", [2])).toEqual({text: "b", tenfold: 20})
    expect(await db.queryFirstNow("SELECT * FROM notes WHERE id = ?", [99])).toBe(undefined)
  })

  it("picks up a column another connection added after the statement was first run", async () => {
    const sql = "SELECT * FROM notes ORDER BY id"

    await db.query(sql)
    await other.execute("ALTER TABLE notes ADD COLUMN done INTEGER DEFAULT 0")
    await other.execute("UPDATE notes SET done = ? WHERE id = ?", [1, 2])

    expect(await db.query(sql)).toEqual([{id: 1, body: "a", position: 1, done: 0}, {id: 2, body: "b", position: 2, done: 1}])
    expect(await db.queryFirstNow("SELECT * FROM notes WHERE id = ?", [2])).toEqual({id: 2, body: "b", position: 2, done: 1})
  })

  it("drops a column another connection removed", async () => {
    const sql = "SELECT * FROM notes WHERE id = ?"

    await db.queryFirstNow(sql, [1])
    await other.execute("ALTER TABLE notes DROP COLUMN position")

    const row = await db.queryFirstNow(sql, [1]) as Record<string, unknown>

    expect(Object.keys(row)).toEqual(["id", "body"])
    expect(row).toEqual({id: 1, body: "a"})
  })

  it("keeps the last of two result columns with one name, as an object would", async () => {
    expect(await db.query("SELECT body AS x, position AS x FROM notes WHERE id = ?", [1])).toEqual([{x: 1}])
  })

  it("makes a column named __proto__ an own property instead of setting the prototype", async () => {
    const [row] = await db.query<Record<string, unknown>>("SELECT body AS \"__proto__\", id FROM notes WHERE id = ?", [1])

    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(Object.keys(row)).toEqual(["__proto__", "id"])
    expect(JSON.stringify(row)).toBe("{\"__proto__\":\"a\",\"id\":1}")
  })

  it("counts the rows of an INSERT ... RETURNING", async () => {
    const result = await db.execute("INSERT INTO notes (body, position) VALUES (?, ?), (?, ?) RETURNING id", ["c", 3, "d", 4])

    expect(result.affectedRows).toBe(2)
  })
})

// Values reach better-sqlite3 as separate arguments (see call-with-values.ts): every count,
// through both the per-count calls and the fallback past them, must bind each value in order.
describe("drivers - sqlite - values passed one by one", () => {
  const columns = Array.from({length: 9}, (_, index) => `c${index}`)
  let db: BaseDriver

  beforeEach(async () => {
    db = await connectDriver({type: "sqlite", name: ":memory:"})
    await db.execute(`CREATE TABLE wide (id INTEGER PRIMARY KEY, ${columns.map((column) => `${column} TEXT`).join(", ")})`)
  })

  afterEach(async () => {
    await db.close()
  })

  it("binds 0 to 9 values in order for writes, lists and single rows", async () => {
    for (let count = 0; count <= 9; count++) {
      const values = Array.from({length: count}, (_, index) => `${count}:${index}`)
      const named = columns.slice(0, count)
      const insert = count === 0 ? "INSERT INTO wide DEFAULT VALUES" : `INSERT INTO wide (${named.join(", ")}) VALUES (${named.map(() => "?").join(", ")})`
      const {insertId} = await db.execute(insert, values)
      const expected = Object.fromEntries(columns.map((column, index) => [column, index < count ? values[index] : null]))
      const matching = count === 0 ? "id = ?" : named.map((column) => `${column} = ?`).join(" AND ")
      const matchingValues = count === 0 ? [insertId] : values

      expect(await db.query(`SELECT ${columns.join(", ")} FROM wide WHERE ${matching}`, matchingValues)).toEqual([expected])
      expect(await db.queryFirstNow(`SELECT ${columns.join(", ")} FROM wide WHERE ${matching}`, matchingValues)).toEqual(expected)
    }
  })

  it("reports a wrong number of values as before", async () => {
    await expect(db.query("SELECT ? AS a, ? AS b", ["only one"])).rejects.toThrow(/2 \? placeholder\(s\) but 1 value/)
  })
})
