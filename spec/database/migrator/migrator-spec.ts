import {describe, it, expect} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import FilesFinder from "velocious/build/src/database/migrator/files-finder.js"
import Migrator from "velocious/build/src/database/migrator.js"
import {testDatabases} from "../support/test-databases.js"
import {useMigrationDatabase, createTableMigration, importPath, readmeMigration} from "./support/migration-app.js"

async function versions(db: BaseDriver): Promise<string[]> {
  const rows = await db.query<{version: string}>("SELECT version FROM schema_migrations ORDER BY version")

  return rows.map((row) => String(row.version))
}

for (const database of testDatabases) {
  describe(`migrator - ${database.dialect}`, {skip: database.skip}, () => {
    const setup = useMigrationDatabase(database)
    const withDb = setup.withDb.bind(setup)

    it("runs the README's migration exactly as the README's \"Run migrations from anywhere\" snippet does", async () => {
      await setup.app.writeMigration("20250101120000-create-events.js", readmeMigration)

      const configuration = setup.configuration

      // The snippet, word for word apart from `this.`.
      const migrationsPath = setup.app.migrationsPath
      const files = await new FilesFinder({path: migrationsPath}).findFiles()

      await configuration.ensureConnections(async () => {
        const migrator = new Migrator({configuration})

        await migrator.prepare()
        await migrator.migrateFiles(files, async (path) => await import(path))
      })

      await withDb(async (db) => {
        const introspector = db.getIntrospector()
        const columns = await introspector.columns("examples")

        expect(await introspector.tables()).toEqual(["examples", "schema_migrations", "task_translations", "tasks", "uuid_items"])
        expect(Object.fromEntries(columns.map((column) => [column.name, column.type]))).toEqual({
          id: database.dialect === "sqlite" ? "integer" : "bigint",
          count: "bigint", payload: "blob", published: "boolean", published_at: "datetime", position: "integer",
          metadata: "json", name: "string", body: "text", priority: "tinyint", uuid_column: "uuid",
          user_id: "bigint", created_at: "datetime", updated_at: "datetime"
        })
        expect(columns[0]).toMatchObject({name: "id", primaryKey: true, autoIncrement: true, null: false})
        expect((await introspector.columns("tasks")).map((column) => column.name)).toEqual(["id", "created_at", "updated_at"])

        const uuidColumns = await introspector.columns("uuid_items")

        expect(uuidColumns[0]).toMatchObject({name: "id", type: "uuid", primaryKey: true, autoIncrement: false})
        expect(uuidColumns[1]).toMatchObject({name: "title", type: "string", null: false})

        const translations = await introspector.columns("task_translations")

        expect(translations.map((column) => [column.name, column.type, column.null])).toEqual([
          ["id", database.dialect === "sqlite" ? "integer" : "bigint", false],
          ["task_id", "bigint", false],
          ["locale", "string", false],
          ["name", "string", true],
          ["created_at", "datetime", false],
          ["updated_at", "datetime", false]
        ])
        expect(await introspector.indexes("task_translations")).toEqual([
          {name: "index_task_translations_on_task_id", columns: ["task_id"], unique: false},
          {name: "index_task_translations_on_task_id_and_locale", columns: ["task_id", "locale"], unique: true}
        ])
        expect(await introspector.indexes("examples")).toEqual([{name: "index_examples_on_user_id", columns: ["user_id"], unique: false}])

        const foreignKeys = await introspector.foreignKeys("task_translations")

        expect(foreignKeys.length).toBe(1)
        expect(foreignKeys[0]).toMatchObject({column: "task_id", referencedTable: "tasks", referencedColumn: "id"})
        expect(await introspector.foreignKeys("examples")).toEqual([])

        // The unique index and the foreign key are enforced, not only declared.
        await db.execute("INSERT INTO tasks (created_at, updated_at) VALUES (?, ?)", [new Date(), new Date()])

        const [task] = await db.query<{id: number}>("SELECT id FROM tasks")
        const insertTranslation = (taskId: number) =>
          db.execute("INSERT INTO task_translations (task_id, locale, created_at, updated_at) VALUES (?, ?, ?, ?)", [taskId, "en", new Date(), new Date()])

        await insertTranslation(Number(task.id))
        await expect(insertTranslation(Number(task.id))).rejects.toThrow()
        await expect(insertTranslation(Number(task.id) + 1000)).rejects.toThrow()
        expect(await versions(db)).toEqual(["20250101120000"])
      })
    })

    it("records the 14-digit prefix of each file and runs nothing the second time", async () => {
      await setup.app.writeMigration("20250101000002-create-projects.js", createTableMigration("CreateProjects", "projects"))
      await setup.app.writeMigration("20250101000001-create-accounts.js", createTableMigration("CreateAccounts", "accounts"))

      const files = await setup.app.findFiles()

      expect(files.map((file) => [file.version, file.name])).toEqual([["20250101000001", "create-accounts"], ["20250101000002", "create-projects"]])

      const first = await withDb((_db, migrator) => migrator.migrateFiles(files, importPath))

      expect(first).toEqual([
        {version: "20250101000001", name: "create-accounts", databaseIdentifier: "default", direction: "up"},
        {version: "20250101000002", name: "create-projects", databaseIdentifier: "default", direction: "up"}
      ])
      expect(await withDb((_db, migrator) => migrator.migrateFiles(files, importPath))).toEqual([])

      await withDb(async (db) => {
        expect(await versions(db)).toEqual(["20250101000001", "20250101000002"])
        expect(await db.getIntrospector().tables()).toEqual(["accounts", "projects", "schema_migrations"])
      })

      // A file added later runs on its own, the rest stay as they are.
      await setup.app.writeMigration("20250101000003-create-people.js", createTableMigration("CreatePeople", "people"))

      const later = await withDb(async (_db, migrator) => migrator.migrateFiles(await setup.app.findFiles(), importPath))

      expect(later.map((run) => run.version)).toEqual(["20250101000003"])
    })

    it("prepare() creates schema_migrations once and keeps its rows", async () => {
      await withDb(async (db, migrator) => {
        await migrator.prepare()
        await db.execute("INSERT INTO schema_migrations (version) VALUES (?)", ["20240101000000"])
        await migrator.prepare()

        const columns = await db.getIntrospector().columns("schema_migrations")

        expect(columns.map((column) => [column.name, column.type, column.primaryKey])).toEqual([["version", "string", true]])
        expect(await versions(db)).toEqual(["20240101000000"])
      })
    })

    it("rolls back the last N migrations newest first and reports status per file", async () => {
      await setup.app.writeMigration("20250101000001-create-accounts.js", createTableMigration("CreateAccounts", "accounts"))
      await setup.app.writeMigration("20250101000002-create-projects.js", createTableMigration("CreateProjects", "projects"))
      await setup.app.writeMigration("20250101000003-create-people.js", createTableMigration("CreatePeople", "people"))

      const files = await setup.app.findFiles()

      await withDb(async (db, migrator) => {
        expect((await migrator.status(files, importPath)).map((row) => row.status)).toEqual(["down", "down", "down"])
        await migrator.migrateFiles(files, importPath)

        const runs = await migrator.rollback(files, importPath, {step: 2})

        expect(runs).toEqual([
          {version: "20250101000003", name: "create-people", databaseIdentifier: "default", direction: "down"},
          {version: "20250101000002", name: "create-projects", databaseIdentifier: "default", direction: "down"}
        ])
        expect(await versions(db)).toEqual(["20250101000001"])
        expect(await db.getIntrospector().tables()).toEqual(["accounts", "schema_migrations"])
        expect(await migrator.status(files, importPath)).toEqual([
          {version: "20250101000001", name: "create-accounts", databaseIdentifier: "default", status: "up", hasFile: true},
          {version: "20250101000002", name: "create-projects", databaseIdentifier: "default", status: "down", hasFile: true},
          {version: "20250101000003", name: "create-people", databaseIdentifier: "default", status: "down", hasFile: true}
        ])

        // Without a step it reverts only the newest one.
        expect((await migrator.rollback(files, importPath)).map((run) => run.version)).toEqual(["20250101000001"])
        expect(await migrator.rollback(files, importPath)).toEqual([])
        expect(await db.getIntrospector().tables()).toEqual(["schema_migrations"])
      })
    })

    it("lists a version recorded as run whose file is gone, and refuses to roll it back", async () => {
      await setup.app.writeMigration("20250101000001-create-accounts.js", createTableMigration("CreateAccounts", "accounts"))

      const files = await setup.app.findFiles()

      await withDb(async (db, migrator) => {
        await migrator.migrateFiles(files, importPath)
        await db.execute("INSERT INTO schema_migrations (version) VALUES (?)", ["20250101000009"])

        expect(await migrator.status(files, importPath)).toEqual([
          {version: "20250101000001", name: "create-accounts", databaseIdentifier: "default", status: "up", hasFile: true},
          {version: "20250101000009", name: "", databaseIdentifier: "default", status: "up", hasFile: false}
        ])
        await expect(migrator.rollback(files, importPath)).rejects.toThrow("Cannot roll back version 20250101000009: no migration file with that version")
        await expect(migrator.rollback(files, importPath, {step: 0})).rejects.toThrow("Rollback step must be a whole number of 1 or more, got 0")
      })
    })

    it("rolls the README's migration back with its down()", async () => {
      await setup.app.writeMigration("20250101120000-create-events.js", readmeMigration)

      const files = await setup.app.findFiles()

      await withDb(async (db, migrator) => {
        await migrator.migrateFiles(files, importPath)
        expect(await migrator.rollback(files, importPath)).toEqual([
          {version: "20250101120000", name: "create-events", databaseIdentifier: "default", direction: "down"}
        ])
        // The README's down() leaves uuid_items in place; it drops only the other three tables.
        expect(await db.getIntrospector().tables()).toEqual(["schema_migrations", "uuid_items"])
        expect(await versions(db)).toEqual([])
      })
    })
  })
}
