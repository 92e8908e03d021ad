import {afterEach, beforeEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import {UnknownAttributeError} from "velocious/build/src/database/record/errors.js"
import {UnknownRelationshipError} from "velocious/build/src/database/record/relationships/relationship.js"
import {rawSql, UnsafeSqlFragmentError} from "velocious/build/src/database/query/raw-sql.js"
import {testDatabases} from "../support/test-databases.js"
import {Project, Task} from "./support/models.js"
import {recordTables, useRecordModels, type RecordSuite} from "./support/schema.js"

// Every payload aims at the canary: dropping it, emptying it or adding a row to it shows that it ran.
const canary = "velocious_canary"
const payloads = [
  `'; DROP TABLE ${canary}; --`,
  `"; DROP TABLE ${canary}; --`,
  `name; DROP TABLE ${canary}`,
  `name; DELETE FROM ${canary}`,
  `name; INSERT INTO ${canary} (note) VALUES ('pwned')`,
  `id); DROP TABLE ${canary}; --`,
  `name ASC; DROP TABLE ${canary}`,
  `(SELECT note FROM ${canary})`,
  `name, (SELECT COUNT(*) FROM ${canary})`,
  `1 UNION SELECT note FROM ${canary}`,
  `name) OR (1=1`,
  `name /* comment */`,
  `name -- trailing`,
  `\`name\`; DROP TABLE ${canary}`,
  `tasks.name; DROP TABLE ${canary}`,
  `CASE WHEN (SELECT COUNT(*) FROM ${canary}) > 0 THEN name ELSE id END`,
  `LOWER(name); DROP TABLE ${canary}`,
  `pg_sleep(1)`,
  `pg_sleep(id)`
]
// PostgreSQL refuses NUL in text values (a clear error, nothing runs), so it only goes where names go.
const namePayloads = [...payloads, `name\0; DROP TABLE ${canary}`]

async function expectCanaryIntact(suite: RecordSuite): Promise<void> {
  const db = suite.db()

  expect(await db.getIntrospector().tableExists(canary)).toBe(true)

  const rows = await db.query<{note: string}>(`SELECT note FROM ${db.quoteIdentifier(canary)}`)

  expect(rows.map((row) => row.note)).toEqual(["alive"])
  for (const table of recordTables) expect(await db.getIntrospector().tableExists(table)).toBe(true)
}

/** Runs a query built from a payload: it must fail with one of our errors before reaching the database, or be harmless. */
async function refused(build: () => unknown, errorClass: new (...args: never[]) => Error = UnsafeSqlFragmentError): Promise<void> {
  let error: unknown

  try {
    const result = build()

    if (result instanceof Promise) await result
    else if (result && typeof (result as {toArray?: unknown}).toArray === "function") await (result as {toArray: () => Promise<unknown>}).toArray()
  } catch (caught) {
    error = caught
  }

  expect(error).toBeInstanceOf(errorClass)
}

for (const database of testDatabases) {
  describe(`SQL injection - ${database.dialect}`, {skip: database.skip}, () => {
    const suite = useRecordModels(database)

    beforeEach(async () => {
      const db = suite.db()

      await db.execute(`DROP TABLE IF EXISTS ${db.quoteIdentifier(canary)}`)
      await db.execute(`CREATE TABLE ${db.quoteIdentifier(canary)} (note VARCHAR(100))`)
      await db.execute(`INSERT INTO ${db.quoteIdentifier(canary)} (note) VALUES (?)`, ["alive"])

      const project = await Project.create({name: "Alpha"})

      await Task.create({name: "Task A", projectId: project.id()})
      await Task.create({name: "Task B", projectId: project.id()})
    })

    afterEach(async () => {
      const db = suite.db()

      await db.execute(`DROP TABLE IF EXISTS ${db.quoteIdentifier(canary)}`)
    })

    it("binds payloads given as where-hash values, IN lists, relationship and table hashes", async () => {
      for (const payload of payloads) {
        expect(await Task.where({name: payload}).count()).toBe(0)
        expect(await Task.where({name: [payload, "Task A"]}).count()).toBe(1)
        expect(await Task.where({project: {name: payload}}).count()).toBe(0)
        expect(await Task.joins({project: true}).where({projects: {name: payload}}).count()).toBe(0)
        expect(await Task.findBy({name: payload})).toBe(null)
      }

      await expectCanaryIntact(suite)
      expect(await Task.count()).toBe(2)
    })

    it("refuses payloads as where-hash keys, in relationship hashes and in table hashes", async () => {
      for (const payload of namePayloads) {
        await refused(() => Task.where({[payload]: "x"}), UnknownAttributeError)
        await refused(() => Task.where({project: {[payload]: "x"}}), UnknownAttributeError)
        await refused(() => Task.where({[payload]: {name: "x"}}), UnknownAttributeError)
        await refused(() => Task.findBy({[payload]: "x"}), UnknownAttributeError)
      }

      await expectCanaryIntact(suite)
    })

    it("binds payloads given as values of a raw where", async () => {
      for (const payload of payloads) {
        expect(await Task.where("tasks.name = ?", payload).count()).toBe(0)
        expect(await Task.where("tasks.name = ? OR tasks.name = ?", payload, "Task B").pluck("name")).toEqual(["Task B"])
      }

      await expectCanaryIntact(suite)
    })

    it("refuses payloads in order, reorder, group, select and pluck, before they reach the database", async () => {
      for (const payload of namePayloads) {
        await refused(() => Task.order(payload))
        await refused(() => Task.order("name").reorder(payload))
        await refused(() => Task.group(payload))
        await refused(() => Task.select(payload))
        await refused(() => Task.select(["tasks.id", payload]))
        await refused(() => Task.pluck(payload))
        await refused(() => Task.order("name").pluck("id", payload))
      }

      await expectCanaryIntact(suite)
      expect(await Task.count()).toBe(2)
    })

    it("refuses payloads as order-hash keys and directions", async () => {
      for (const payload of namePayloads) {
        await refused(() => Task.order({[payload]: "asc"}), Error)
        await refused(() => Task.order({name: payload as "asc"}), Error)
      }

      await expectCanaryIntact(suite)
    })

    it("refuses payloads as joined and preloaded relationship names", async () => {
      for (const payload of namePayloads) {
        await refused(() => Task.joins({[payload]: true}), UnknownRelationshipError)
        await refused(() => Task.joins({project: {[payload]: true}}), UnknownRelationshipError)
        await refused(() => Task.preload(payload), UnknownRelationshipError)
      }

      await expectCanaryIntact(suite)
    })

    it("refuses payloads as insertMultiple columns and binds them as values", async () => {
      for (const payload of namePayloads) {
        await refused(() => Task.insertMultiple(["name", payload], [["x", "y"]]), UnknownAttributeError)
      }

      await Task.insertMultiple(["name", "description"], payloads.map((payload) => [payload, payload]))
      expect(await Task.where({name: payloads}).count()).toBe(payloads.length)
      expect((await Task.where({description: payloads[0]}).pluck("name"))).toEqual([payloads[0]])
      await expectCanaryIntact(suite)
    })

    it("still takes column references, directions, functions and aliases in order, group, select and pluck", async () => {
      expect(await Task.order("name DESC").pluck("name")).toEqual(["Task B", "Task A"])
      expect(await Task.order("tasks.name desc, tasks.id").pluck("name")).toEqual(["Task B", "Task A"])
      expect(await Task.order(`${suite.db().quoteIdentifier("tasks")}.${suite.db().quoteIdentifier("name")} DESC`).pluck("name")).toEqual(["Task B", "Task A"])
      expect(await Task.order("name DESC NULLS LAST").pluck("name").catch(() => "unsupported")).not.toEqual(["Task A", "Task B"])
      expect((await Task.select(["tasks.id", "tasks.name AS title"]).order("id").toArray()).length).toBe(2)
      expect((await Task.select("tasks.*").toArray()).length).toBe(2)
      expect(await Task.pluck("COUNT(*)").then((values) => values.map(Number))).toEqual([2])
      expect(await Task.pluck("MAX(tasks.name)")).toEqual(["Task B"])
      expect(await Task.group("tasks.project_id").count()).toBe(1)
      expect(await Task.joins({project: true}).order("projects.name").pluck("tasks.name")).toEqual(expect.arrayContaining(["Task A", "Task B"]))
    })

    it("takes raw SQL that the code wraps in rawSql() (README), and says so in the error for anything else", async () => {
      expect(await Task.order(rawSql("LENGTH(name) DESC, name DESC")).pluck("name")).toEqual(["Task B", "Task A"])
      expect(await Task.pluck(rawSql("UPPER(name)"))).toEqual(expect.arrayContaining(["TASK A", "TASK B"]))
      expect((await Task.select(rawSql("tasks.id + 1 AS next_id")).toArray()).length).toBe(2)
      expect(await Task.group(rawSql("LOWER(tasks.state)")).count()).toBe(1)
      expect(() => Task.order("LENGTH(name) + 1")).toThrow("Task.order() takes column names (`name`, `tasks.name DESC`) or simple function calls, not 'LENGTH(name) + 1'; wrap SQL written in the code in rawSql(...), and never put user input in it")
      expect(() => rawSql(42 as unknown as string)).toThrow("rawSql() takes a string of SQL, got number")
    })

    it("gives a clear error for an unknown column in order, pluck and group", async () => {
      await expect(Task.order("no_such_column").toArray()).rejects.toThrow(/no_such_column/)
      await expect(Task.pluck("no_such_column")).rejects.toThrow(/no_such_column/)
      await expect(Task.group("no_such_column").toArray()).rejects.toThrow(/no_such_column/)
    })
  })
}
