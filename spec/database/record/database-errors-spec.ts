import {describe, it, expect, beforeAll, afterAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Record from "velocious/build/src/database/record/index.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {
  DatabaseError, DatabaseQueryError, ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError
} from "velocious/build/src/database/drivers/base/errors.js"
import {addDatabaseErrorContext, databaseErrorContextOf} from "velocious/build/src/database/record/database-error-context.js"
import {connectTestConfiguration, testDatabases} from "../support/test-databases.js"

class DbeProject extends Record {}
class DbeTask extends Record {}

const tables = ["dbe_tasks", "dbe_projects"]

async function dropTables(db: BaseDriver): Promise<void> {
  for (const table of tables) await new SchemaStatements(db).dropTable(table, {ifExists: true})
}

async function failureOf(promise: Promise<unknown>): Promise<DatabaseQueryError> {
  const failure = await promise.then(() => undefined, (error: unknown) => error)

  if (!(failure instanceof DatabaseQueryError)) throw new Error(`Expected a DatabaseQueryError, got ${String(failure)}`)

  return failure
}

for (const {dialect, config, skip} of testDatabases) {
  describe(`database errors name the model and column - ${dialect}`, {skip}, () => {
    let configuration: Configuration
    let db: BaseDriver
    let project: DbeProject

    beforeAll(async () => {
      ({configuration, db} = await connectTestConfiguration(config))
      await dropTables(db)

      const schema = new SchemaStatements(db)

      await schema.createTable("dbe_projects", (t) => { t.string("name") })
      await schema.createTable("dbe_tasks", (t) => {
        t.references("dbe_project", {foreignKey: {toTable: "dbe_projects"}})
        t.string("name", {null: false, index: {unique: true}})
        t.integer("position")
      })
      await schema.addIndex("dbe_tasks", ["dbe_project_id", "position"], {unique: true})

      for (const model of [DbeProject, DbeTask]) await model.initializeRecord({configuration})
    })

    afterAll(async () => {
      await dropTables(db)
      await configuration.closeDatabaseConnections()
    })

    beforeEach(async () => {
      await db.execute("DELETE FROM dbe_tasks")
      await db.execute("DELETE FROM dbe_projects")
      project = await DbeProject.create({name: "Alpha"})
    })

    it("prefixes a unique violation on create with the model and column, keeping the driver's error as cause", async () => {
      await DbeTask.create({name: "Same"})

      const failure = await failureOf(DbeTask.create({name: "Same"}))

      expect(failure).toBeInstanceOf(UniqueConstraintError)
      expect(failure.message).toMatch(/^DbeTask name: /)
      expect(failure.message).toContain("\nSQL: INSERT INTO")
      expect(failure.sql).toMatch(/^INSERT INTO/)
      expect(failure.code).toBeDefined()
      expect(failure.cause).toBeInstanceOf(Error)
      expect(failure.cause instanceof DatabaseError).toBe(false)
      expect(databaseErrorContextOf(failure)).toEqual({modelName: "DbeTask", columns: ["name"]})
    })

    it("prefixes a unique violation on update", async () => {
      await DbeTask.create({name: "First"})

      const second = await DbeTask.create({name: "Second"})
      const failure = await failureOf(second.update({name: "First"}))

      expect(failure).toBeInstanceOf(UniqueConstraintError)
      expect(failure.message).toMatch(/^DbeTask name: /)
      expect(failure.sql).toMatch(/^UPDATE/)
    })

    it("names every column of a composite unique index", async () => {
      await DbeTask.create({name: "One", dbeProjectId: project.id(), position: 1})

      const failure = await failureOf(DbeTask.create({name: "Two", dbeProjectId: project.id(), position: 1}))

      expect(failure).toBeInstanceOf(UniqueConstraintError)
      expect(failure.message).toMatch(/^DbeTask dbe_project_id, position: /)
    })

    it("prefixes a NOT NULL violation", async () => {
      const failure = await failureOf(DbeTask.create({name: null}))

      expect(failure).toBeInstanceOf(NotNullConstraintError)
      expect(failure.message).toMatch(/^DbeTask name: /)
    })

    it("prefixes a foreign key violation with the referencing column", async () => {
      const failure = await failureOf(DbeTask.create({name: "Orphan", dbeProjectId: 987654}))

      expect(failure).toBeInstanceOf(ForeignKeyConstraintError)
      expect(failure.message).toMatch(/^DbeTask dbe_project_id: /)
    })

    it("prefixes constraint errors from insertMultiple", async () => {
      const failure = await failureOf(DbeTask.insertMultiple(["name", "dbe_project_id"], [["A", project.id()], ["B", 987654]]))

      expect(failure).toBeInstanceOf(ForeignKeyConstraintError)
      expect(failure.message).toMatch(/^DbeTask dbe_project_id: /)
    })

    it("keeps a failed 10,000-row insertMultiple readable: model, column and message, the SQL cut short, the whole SQL on the error", async () => {
      await DbeTask.create({name: "Taken"})

      const rows = Array.from({length: 10_000}, (_, index) => [index === 9_999 ? "Taken" : `Task ${index}`, project.id(), index])
      const failure = await failureOf(DbeTask.insertMultiple(["name", "dbe_project_id", "position"], rows))

      expect(failure).toBeInstanceOf(UniqueConstraintError)
      expect(failure.message).toMatch(/^DbeTask name: /)
      expect(failure.message).toContain("\nSQL: INSERT INTO")
      expect(failure.message).toMatch(/more characters; the whole statement is in error\.sql\)$/)
      expect(failure.message.length).toBeLessThan(1_000)
      expect(failure.sql.length).toBeGreaterThan(40_000)
      expect(failure.sql.startsWith(failure.message.split("\nSQL: ")[1].split("…")[0])).toBe(true)
    })

    it("leaves other database errors alone", async () => {
      const failure = await failureOf(db.execute("SELECT no_such_column FROM dbe_tasks"))

      expect(await addDatabaseErrorContext(DbeTask, db, failure)).toBe(failure)
    })

    it("adds the prefix once when an error passes through twice", async () => {
      await DbeTask.create({name: "Same"})

      const failure = await failureOf(DbeTask.create({name: "Same"}))

      expect(await addDatabaseErrorContext(DbeProject, db, failure)).toBe(failure)
    })
  })
}
