import {describe, it, expect, beforeAll, afterAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Record from "velocious/build/src/database/record/index.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {UniqueConstraintError, NotNullConstraintError} from "velocious/build/src/database/drivers/base/errors.js"
import {UnknownAttributeError} from "velocious/build/src/database/record/errors.js"
import {InsertMultipleError} from "velocious/build/src/database/record/insert-multiple.js"
import {connectTestConfiguration, testDatabases} from "../support/test-databases.js"
import {watchStatements} from "./support/watch-statements.js"

class ImProject extends Record {}
class ImTask extends Record {}
class ImToken extends Record {}

ImTask.belongsTo("imProject")

const tables = ["im_tasks", "im_projects", "im_tokens"]

async function dropTables(db: BaseDriver): Promise<void> {
  for (const table of tables) await new SchemaStatements(db).dropTable(table, {ifExists: true})
}

/** Records every INSERT the connection runs while `callback` runs. */
async function capturingInserts(db: BaseDriver, callback: () => Promise<unknown>): Promise<{sql: string, params: readonly unknown[]}[]> {
  const statements: {sql: string, params: readonly unknown[]}[] = []

  await watchStatements(db, (sql, params) => { if (sql.startsWith("INSERT")) statements.push({sql, params}) }, callback)

  return statements
}

for (const {dialect, config, skip} of testDatabases) {
  describe(`Record.insertMultiple - ${dialect}`, {skip}, () => {
    let configuration: Configuration
    let db: BaseDriver
    let projectId: unknown

    beforeAll(async () => {
      ({configuration, db} = await connectTestConfiguration(config))
      await dropTables(db)

      const schema = new SchemaStatements(db)

      await schema.createTable("im_projects", (t) => { t.string("name") })
      await schema.createTable("im_tasks", (t) => {
        t.references("im_project", {foreignKey: {toTable: "im_projects"}})
        t.string("name", {null: false, index: {unique: true}})
        t.boolean("done", {default: false})
        t.datetime("due_at")
        t.json("metadata")
        t.timestamps()
      })

      await schema.createTable("im_tokens", {id: {type: "uuid"}}, (t) => { t.string("label") })

      for (const model of [ImProject, ImTask, ImToken]) await model.initializeRecord({configuration})
    })

    afterAll(async () => {
      await dropTables(db)
      await configuration.closeDatabaseConnections()
    })

    beforeEach(async () => {
      await db.execute("DELETE FROM im_tasks")
      await db.execute("DELETE FROM im_projects")
      projectId = (await ImProject.create({name: "Alpha"})).id()
    })

    it("inserts the rows in one statement with bound values, casting like save()", async () => {
      const due = new Date("2026-03-04T05:06:07.000Z")
      const statements = await capturingInserts(db, () => ImTask.insertMultiple(
        ["im_project_id", "name", "done", "due_at", "metadata"],
        [
          [projectId, "Task 1", "1", due, {tags: ["a"]}],
          [projectId, "Task 2'); DROP TABLE im_tasks; --", false, "2026-03-04T05:06:07Z", null]
        ]
      ))

      expect(statements).toHaveLength(1)
      expect(statements[0].sql).not.toContain("Task 1")

      const tasks = await ImTask.order("name").toArray()

      expect(tasks.map((task) => task.readAttribute("name"))).toEqual(["Task 1", "Task 2'); DROP TABLE im_tasks; --"])
      expect(tasks[0].readAttribute("done")).toBe(true)
      expect(tasks[1].readAttribute("done")).toBe(false)
      expect((tasks[0].readAttribute("due_at") as Date).toISOString()).toBe(due.toISOString())
      expect((tasks[1].readAttribute("due_at") as Date).toISOString()).toBe(due.toISOString())
      expect(tasks[0].readAttribute("metadata")).toEqual({tags: ["a"]})
      expect(tasks[0].readAttribute("im_project_id")).toEqual(projectId)
      // Timestamps the caller left out are set, as save() does.
      expect(tasks[0].readAttribute("created_at")).toBeInstanceOf(Date)
      expect(tasks[0].readAttribute("updated_at")).toBeInstanceOf(Date)
    })

    it("gives every row its own uuid key, made like save() makes one", async () => {
      const statements = await capturingInserts(db, () => ImToken.insertMultiple(["label"], [["a"], ["b"], ["c"]]))

      expect(statements.length).toBe(1)
      expect(statements[0].sql).toContain("id")

      const ids = (await ImToken.order("label").toArray()).map((token) => String(token.id()))

      expect(ids.map((id) => statements[0].params.includes(id))).toEqual([true, true, true])
      expect(new Set(ids).size).toBe(3)
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    })

    it("stamps every row of one call with the same instant", async () => {
      await ImTask.insertMultiple(["name"], [["Same 1"], ["Same 2"]])

      const [first, second] = await ImTask.where({name: ["Same 1", "Same 2"]}).toArray()

      expect((first.readAttribute("created_at") as Date).getTime()).toBe((second.readAttribute("updated_at") as Date).getTime())
    })

    it("keeps timestamps the caller gives", async () => {
      const createdAt = new Date("2020-01-02T03:04:05.000Z")

      await ImTask.insertMultiple(["name", "created_at", "updated_at"], [["Old", createdAt, createdAt]])

      const task = await ImTask.findByOrFail({name: "Old"})

      expect((task.readAttribute("created_at") as Date).toISOString()).toBe(createdAt.toISOString())
    })

    it("splits the rows so no statement binds more values than the dialect allows", {timeoutSeconds: 120}, async () => {
      const limit = db.getAdapter().maxBindParameters
      // 35,000 rows of 2 given + 2 timestamp values: more than twice the largest limit (65,535).
      const rows = Array.from({length: 35_000}, (_, index) => [projectId, `Bulk ${index}`])
      const statements = await capturingInserts(db, () => ImTask.insertMultiple(["im_project_id", "name"], rows))

      expect(statements.length).toBeGreaterThan(1)
      for (const statement of statements) expect(statement.params.length).toBeLessThanOrEqual(limit)
      expect(statements.reduce((total, statement) => total + statement.params.length, 0)).toBe(35_000 * 4)
      expect(await ImTask.count()).toBe(35_000)
      expect(await ImTask.where({name: "Bulk 34999"}).count()).toBe(1)
    })

    it("resolves undefined without returnResults and the results with it", async () => {
      expect(await ImTask.insertMultiple(["name"], [["A"]])).toBeUndefined()

      const results = await ImTask.insertMultiple(["name"], [["B"], ["C"]], {returnResults: true})

      expect(results.succeededRows).toEqual([["B"], ["C"]])
      expect(results.failedRows).toEqual([])
      expect(results.errors).toEqual([])
    })

    it("does nothing for no rows", async () => {
      const results = await ImTask.insertMultiple(["name"], [], {returnResults: true})

      expect(results.succeededRows).toEqual([])
      expect(await ImTask.count()).toBe(0)
    })

    it("throws on a failing statement, naming the model and column, and inserts nothing of it", async () => {
      const failure = await ImTask.insertMultiple(["im_project_id", "name"], [[projectId, "Same"], [projectId, "Other"], [projectId, "Same"]]).catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(UniqueConstraintError)
      expect((failure as Error).message).toMatch(/^ImTask name: /)
      expect((failure as Error).cause).toBeDefined()
      expect(await ImTask.count()).toBe(0)
    })

    it("retries a failing statement row by row and collects the failing rows", async () => {
      await ImTask.insertMultiple(["name"], [["Taken"]])

      const rows = [[projectId, "Task A"], [projectId, "Task A"], [projectId, "Taken"], [projectId, "Task B"], [projectId, null]]
      const results = await ImTask.insertMultiple(["im_project_id", "name"], rows, {retryIndividuallyOnFailure: true, returnResults: true})

      expect(results.succeededRows).toEqual([rows[0], rows[3]])
      expect(results.failedRows).toEqual([rows[1], rows[2], rows[4]])
      expect(results.errors).toHaveLength(3)
      expect(results.errors[0]).toBeInstanceOf(UniqueConstraintError)
      expect(results.errors[0].message).toMatch(/^ImTask name: /)
      expect(results.errors[2]).toBeInstanceOf(NotNullConstraintError)
      expect(results.errors[2].message).toMatch(/^ImTask name: /)
      expect((await ImTask.order("name").pluck("name"))).toEqual(["Taken", "Task A", "Task B"])
    })

    it("retries inside a transaction without breaking it", async () => {
      await ImTask.insertMultiple(["name"], [["Taken"]])

      const results = await ImTask.transaction(async () => {
        const inner = await ImTask.insertMultiple(["name"], [["X"], ["Taken"], ["Y"]], {retryIndividuallyOnFailure: true, returnResults: true})

        await ImTask.create({name: "After"})

        return inner
      })

      expect(results.failedRows).toEqual([["Taken"]])
      expect(await ImTask.order("name").pluck("name")).toEqual(["After", "Taken", "X", "Y"])
    })

    it("accepts camelCase names and names an unknown column", async () => {
      await ImTask.insertMultiple(["imProjectId", "name"], [[projectId, "Camel"]])
      expect(await ImTask.where({name: "Camel"}).count()).toBe(1)

      const failure = await ImTask.insertMultiple(["name", "nope"], [["X", 1]]).catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(UnknownAttributeError)
      expect((failure as Error).message).toContain("ImTask has no column 'nope'")
    })

    it("refuses rows of the wrong width", async () => {
      const failure = await ImTask.insertMultiple(["name", "done"], [["X", true], ["Y"]]).catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(InsertMultipleError)
      expect((failure as Error).message).toContain("row 1 has 1 value(s)")
      expect(await ImTask.count()).toBe(0)
    })
  })
}
