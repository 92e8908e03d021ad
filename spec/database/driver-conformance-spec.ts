import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {DatabaseQueryError, ParameterCountError, UndefinedParameterError, UniqueConstraintError} from "velocious/build/src/database/drivers/base/errors.js"
import {connectDriver, dropAllTables, testDatabases} from "./support/test-databases.js"

const hostile = "'); DROP TABLE notes; --"

for (const database of testDatabases) {
  describe(`drivers - ${database.dialect} - conformance`, {skip: database.skip}, () => {
    let db: BaseDriver

    beforeEach(async () => {
      db = await connectDriver(database.config)
      await dropAllTables(db)
      await db.execute(`CREATE TABLE notes (id ${idColumn(database.dialect)}, body VARCHAR(255), flag ${database.dialect === "pgsql" ? "BOOLEAN" : "SMALLINT"}, UNIQUE (body))`)
    })

    afterEach(async () => {
      await dropAllTables(db)
      await db.close()
    })

    it("stores hostile strings verbatim as bound parameters", async () => {
      await db.execute("INSERT INTO notes (body) VALUES (?)", [hostile])

      const rows = await db.query("SELECT body FROM notes WHERE body = ?", [hostile])

      expect(rows).toEqual([{body: hostile}])
      expect(await db.getIntrospector().tables()).toEqual(["notes"])
    })

    it("leaves ? inside string literals, quoted identifiers and comments alone", async () => {
      await db.execute("INSERT INTO notes (body) VALUES (?)", ["x"])

      const rows = await db.query(`SELECT 'what?' AS ${db.quoteIdentifier("why?")}, body /* really? */ FROM notes WHERE body = ? -- done?\n`, ["x"])

      expect(rows).toEqual([{"why?": "what?", body: "x"}])
    })

    it("refuses a wrong number of values and undefined values with a message saying what to pass", async () => {
      await expect(db.query("SELECT ? AS a", [])).rejects.toThrow(ParameterCountError)
      await expect(db.query("SELECT ? AS a", [1, 2])).rejects.toThrow("The SQL has 1 ? placeholder(s) but 2 value(s) were given")
      await expect(db.execute("INSERT INTO notes (body) VALUES (?)", [undefined])).rejects.toThrow(UndefinedParameterError)
    })

    it("refuses SQL that is not a string, or values not in an array, with a message saying what to pass", async () => {
      // A knex or pg habit (an object with sql and values; a lone value) from plain JavaScript, where the types do not stop it.
      const looseDb = db as unknown as {query: (...args: unknown[]) => Promise<unknown>, execute: (...args: unknown[]) => Promise<unknown>}

      await expect(looseDb.query({sql: "SELECT ? AS a", params: [1]})).rejects.toThrow("query() takes the SQL as a string (got an object); pass the values as an array: query(\"SELECT ... WHERE id = ?\", [id])")
      await expect(looseDb.execute(undefined)).rejects.toThrow("execute() takes the SQL as a string (got undefined)")
      await expect(looseDb.query("SELECT ? AS a", 1)).rejects.toThrow("query() takes the values as an array (got a number); pass [value] for one value")
      expect(await db.query("SELECT 1 AS a")).toEqual([{a: 1}])
    })

    it("converts booleans consistently per dialect", async () => {
      await db.execute("INSERT INTO notes (body, flag) VALUES (?, ?), (?, ?)", ["yes", true, "no", false])

      const rows = await db.query<{body: string, flag: unknown}>("SELECT body, flag FROM notes ORDER BY body DESC")
      const expected = db.getAdapter().nativeBooleans ? [true, false] : [1, 0]

      expect(rows.map((row) => row.flag)).toEqual(expected)
    })

    it("reports affected rows and, where the dialect has one, the inserted id", async () => {
      const inserted = await db.execute("INSERT INTO notes (body) VALUES (?)", ["a"])

      expect(inserted.affectedRows).toBe(1)
      if (database.dialect !== "pgsql") expect(Number(inserted.insertId)).toBe(1)

      await db.execute("INSERT INTO notes (body) VALUES (?)", ["b"])

      const updated = await db.execute("UPDATE notes SET flag = ? WHERE body IN (?, ?)", [1, "a", "b"])

      expect(updated.affectedRows).toBe(2)
    })

    it("commits a transaction that resolves", async () => {
      const result = await db.transaction(async () => {
        await db.execute("INSERT INTO notes (body) VALUES (?)", ["kept"])

        return "done"
      })

      expect(result).toBe("done")
      expect(await bodies(db)).toEqual(["kept"])
      expect(db.isInTransaction()).toBe(false)
    })

    it("rolls back a transaction that throws and rethrows the error", async () => {
      await expect(db.transaction(async () => {
        await db.execute("INSERT INTO notes (body) VALUES (?)", ["gone"])
        throw new Error("boom")
      })).rejects.toThrow("boom")

      expect(await bodies(db)).toEqual([])
    })

    it("rolls back only the nested transaction through a savepoint", async () => {
      await db.transaction(async () => {
        await db.execute("INSERT INTO notes (body) VALUES (?)", ["outer"])

        await expect(db.transaction(async () => {
          await db.execute("INSERT INTO notes (body) VALUES (?)", ["inner"])
          throw new Error("inner failed")
        })).rejects.toThrow("inner failed")

        await db.transaction(async () => {
          await db.execute("INSERT INTO notes (body) VALUES (?)", ["second inner"])
        })
      })

      expect(await bodies(db)).toEqual(["outer", "second inner"])
    })

    it("rolls back nested work when the outer transaction fails", async () => {
      await expect(db.transaction(async () => {
        await db.transaction(async () => {
          await db.execute("INSERT INTO notes (body) VALUES (?)", ["inner"])
        })
        throw new Error("outer failed")
      })).rejects.toThrow("outer failed")

      expect(await bodies(db)).toEqual([])
    })

    it("keeps the database's message and adds the SQL to query errors", async () => {
      const error = await db.query("SELECT * FROM no_such_table WHERE id = ?", [1]).catch((caught: unknown) => caught)

      expect(error).toBeInstanceOf(DatabaseQueryError)
      expect((error as Error).message).toMatch(/no_such_table/)
      expect((error as Error).message).toContain("SQL: SELECT * FROM no_such_table WHERE id = ?")
    })

    it("raises UniqueConstraintError for duplicates", async () => {
      await db.execute("INSERT INTO notes (body) VALUES (?)", ["twice"])
      await expect(db.execute("INSERT INTO notes (body) VALUES (?)", ["twice"])).rejects.toThrow(UniqueConstraintError)
    })

    it("quotes identifiers so any name is safe", async () => {
      const name = db.quoteIdentifier("we\"ird`name")

      await db.execute(`CREATE TABLE ${name} (${db.quoteIdentifier("col")} INTEGER)`)
      expect(await db.getIntrospector().tables()).toEqual(["notes", "we\"ird`name"])
    })

    it("writes Dates as UTC text", async () => {
      const rows = await db.query<{value: string}>(`SELECT ${database.dialect === "pgsql" ? "CAST(? AS TEXT)" : "?"} AS value`, [new Date("2024-05-06T07:08:09.123Z")])

      expect(rows[0].value).toBe("2024-05-06 07:08:09.123")
    })
  })
}

function idColumn(dialect: string): string {
  if (dialect === "sqlite") return "INTEGER PRIMARY KEY AUTOINCREMENT"
  if (dialect === "pgsql") return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"

  return "BIGINT AUTO_INCREMENT PRIMARY KEY"
}

async function bodies(db: BaseDriver): Promise<string[]> {
  return (await db.query<{body: string}>("SELECT body FROM notes ORDER BY id")).map((row) => row.body)
}
