import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {MigrationFailedError} from "velocious/build/src/database/migrator/migration-failed-error.js"
import {testDatabases} from "../support/test-databases.js"
import {useMigrationDatabase, importPath} from "./support/migration-app.js"

const createReferenced = `import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateTasks extends Migration {
  async up() {
    await this.createTable("tasks", (t) => {
      t.string("name")
    })
    await this.createTable("task_translations", (t) => {
      t.references("task", {foreignKey: true, null: false})
      t.string("locale")
    })
    await this.execute("INSERT INTO tasks (name) VALUES (?)", ["first"])
    await this.execute("INSERT INTO task_translations (task_id, locale) VALUES (?, ?)", [1, "en"])
  }
}
`

// On SQLite, changing a column rebuilds the table, which other tables' foreign keys point at.
function changeReferenced(disable: boolean): string {
  return `import Migration from "velocious/build/src/database/migration/index.js"

export default class ChangeTaskName extends Migration {
${disable ? "  static disableDdlTransaction = true\n" : ""}
  async up() {
    await this.changeColumn("tasks", "name", "text")
  }
}
`
}

const failingOutsideTransaction = `import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateHalfDone extends Migration {
  static disableDdlTransaction = true

  async up() {
    await this.createTable("half_done", (t) => {
      t.string("name")
    })
    await this.execute("SELEC broken FROM nowhere")
  }
}
`

for (const database of testDatabases) {
  describe(`migrator - ${database.dialect} - DDL transactions`, {skip: database.skip}, () => {
    const setup = useMigrationDatabase(database)
    const withDb = setup.withDb.bind(setup)

    it("alters a table other tables reference when the migration sets disableDdlTransaction, keeping the rows", async () => {
      await setup.app.writeMigration("20250105000001-create-tasks.js", createReferenced)
      await setup.app.writeMigration("20250105000002-change-task-name.js", changeReferenced(true))

      await withDb(async (db, migrator) => {
        expect((await migrator.migrateFiles(await setup.app.findFiles(), importPath)).map((run) => run.version)).toEqual(["20250105000001", "20250105000002"])
        expect((await db.getIntrospector().columns("tasks"))[1]).toMatchObject({name: "name", type: "text"})
        expect(await db.getIntrospector().foreignKeys("task_translations")).toMatchObject([{column: "task_id", referencedTable: "tasks"}])
        expect(await db.query("SELECT t.name, tt.locale FROM tasks t JOIN task_translations tt ON tt.task_id = t.id")).toEqual([{name: "first", locale: "en"}])
        // Foreign keys are enforced again afterwards.
        await expect(db.execute("INSERT INTO task_translations (task_id, locale) VALUES (?, ?)", [99, "de"])).rejects.toThrow()
      })
    })

    it("inside the default transaction, SQLite refuses that rebuild and says why; other databases alter in place", async () => {
      await setup.app.writeMigration("20250105000001-create-tasks.js", createReferenced)
      await setup.app.writeMigration("20250105000002-change-task-name.js", changeReferenced(false))

      await withDb(async (db, migrator) => {
        const running = migrator.migrateFiles(await setup.app.findFiles(), importPath)

        if (database.dialect === "sqlite") {
          await expect(running).rejects.toThrow(MigrationFailedError)
          await expect(migrator.migrateFiles(await setup.app.findFiles(), importPath)).rejects.toThrow("foreign keys cannot be switched off inside a transaction")
          expect((await db.getIntrospector().columns("tasks"))[1]).toMatchObject({name: "name", type: "string"})
        } else {
          expect((await running).length).toBe(2)
          expect((await db.getIntrospector().columns("tasks"))[1]).toMatchObject({name: "name", type: "text"})
        }
      })
    })

    it("says a failed migration with disableDdlTransaction may be half applied", async () => {
      await setup.app.writeMigration("20250105000001-create-half-done.js", failingOutsideTransaction)

      await withDb(async (db, migrator) => {
        const error = await migrator.migrateFiles(await setup.app.findFiles(), importPath).then(() => undefined, (caught: Error) => caught)

        expect(error).toBeInstanceOf(MigrationFailedError)
        expect(error?.message).toContain(database.dialect === "mysql"
          ? "It is not recorded as run, but this database cannot roll back schema changes: statements before the failing one were applied"
          : "It is not recorded as run, but it sets disableDdlTransaction, so it ran outside a transaction: statements before the failing one were applied")
        expect(await db.getIntrospector().tableExists("half_done")).toBe(true)
        expect(await db.query("SELECT version FROM schema_migrations")).toEqual([])
      })
    })
  })
}
