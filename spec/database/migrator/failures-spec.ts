import {describe, it, expect} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {DatabaseQueryError} from "velocious/build/src/database/drivers/base/errors.js"
import {DuplicateMigrationVersionError} from "velocious/build/src/database/migrator/files-finder.js"
import {MigrationFailedError} from "velocious/build/src/database/migrator/migration-failed-error.js"
import {testDatabases} from "../support/test-databases.js"
import {MigrationApp, useMigrationDatabase, createTableMigration, importPath} from "./support/migration-app.js"

const withoutDown = `import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateLedgers extends Migration {
  async up() {
    await this.createTable("ledgers", (t) => {
      t.string("name")
    })
  }
}
`

// The table comes first so the spec can see whether the failure undid it.
const failing = `import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateHalfDone extends Migration {
  async up() {
    await this.createTable("half_done", (t) => {
      t.string("name")
    })
    await this.execute("SELEC broken FROM nowhere")
  }

  async down() {
    await this.dropTable("half_done")
  }
}
`

async function versions(db: BaseDriver): Promise<string[]> {
  return (await db.query<{version: string}>("SELECT version FROM schema_migrations ORDER BY version")).map((row) => String(row.version))
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (error: unknown) => error)

  if (!(error instanceof Error)) throw new Error(`Expected the promise to reject with an Error, got ${String(error)}`)

  return error
}

for (const database of testDatabases) {
  describe(`migrator - ${database.dialect} - failures`, {skip: database.skip}, () => {
    const setup = useMigrationDatabase(database)
    const withDb = setup.withDb.bind(setup)

    it("refuses to roll back a migration without down() and keeps it recorded", async () => {
      await setup.app.writeMigration("20250102000001-create-ledgers.js", withoutDown)

      const files = await setup.app.findFiles()

      await withDb(async (db, migrator) => {
        await migrator.migrateFiles(files, importPath)

        const error = await caught(migrator.rollback(files, importPath))

        expect(error).toBeInstanceOf(MigrationFailedError)
        expect(error.message).toContain("Migration 20250102000001-create-ledgers.js failed (down) on the 'default' database")
        expect(error.message).toContain("IrreversibleMigrationError: CreateLedgers cannot be rolled back because it has no down() method")
        // Nothing ran, so no warning about half-applied statements, whatever the dialect.
        expect(error.message.endsWith("\nIt is still recorded as run.")).toBe(true)
        expect(await versions(db)).toEqual(["20250102000001"])
        expect(await db.getIntrospector().tableExists("ledgers")).toBe(true)
      })
    })

    it("names both files when two migrations share a version", async () => {
      await setup.app.writeMigration("20250102000001-create-ledgers.js", createTableMigration("CreateLedgers", "ledgers"))
      await setup.app.writeMigration("20250102000001-create-books.js", createTableMigration("CreateBooks", "books"))

      const error = await caught(setup.app.findFiles())

      expect(error).toBeInstanceOf(DuplicateMigrationVersionError)
      expect(error.message).toBe(
        "Two migrations have version 20250102000001: 20250102000001-create-books.js and 20250102000001-create-ledgers.js. Give one of them a new timestamp (npx velocious g:migration makes unique ones)"
      )
    })

    it("ignores files that are not migrations", async () => {
      await setup.app.writeMigration("20250102000001-create-ledgers.js", createTableMigration("CreateLedgers", "ledgers"))
      await setup.app.writeMigration("README.md", "notes")
      await setup.app.writeMigration("2025-create-short.js", "")
      await setup.app.writeMigration("20250102000002-create-ledgers.d.ts", "")

      expect((await setup.app.findFiles()).map((file) => file.file)).toEqual(["20250102000001-create-ledgers.js"])
    })

    it("names the file, the SQL and the database's message when a migration fails, and does not record it", async () => {
      await setup.app.writeMigration("20250102000001-create-ledgers.js", createTableMigration("CreateLedgers", "ledgers"))
      await setup.app.writeMigration("20250102000002-create-half-done.js", failing)
      await setup.app.writeMigration("20250102000003-create-books.js", createTableMigration("CreateBooks", "books"))

      const files = await setup.app.findFiles()

      await withDb(async (db, migrator) => {
        const error = await caught(migrator.migrateFiles(files, importPath))
        const transactional = db.getAdapter().transactionalDdl

        expect(error).toBeInstanceOf(MigrationFailedError)
        expect(error.cause).toBeInstanceOf(DatabaseQueryError)
        expect(error.message).toContain("Migration 20250102000002-create-half-done.js failed (up) on the 'default' database")
        expect(error.message).toContain("SQL: SELEC broken FROM nowhere")
        expect(error.message).toContain(database.dialect === "sqlite" ? "syntax error" : database.dialect === "pgsql" ? "syntax error at or near \"SELEC\"" : "You have an error in your SQL syntax")
        expect(await versions(db)).toEqual(["20250102000001"])
        // Migrations after the failing one do not run.
        expect(await db.getIntrospector().tableExists("books")).toBe(false)

        if (transactional) {
          expect(error.message).toContain("Nothing of it was applied (it ran in a transaction) and it is not recorded as run.")
          expect(await db.getIntrospector().tableExists("half_done")).toBe(false)
        } else {
          // MySQL commits each DDL statement itself; the message has to say so.
          expect(error.message).toContain("statements before the failing one were applied; undo them by hand")
          expect(await db.getIntrospector().tableExists("half_done")).toBe(true)
        }
      })
    })

    it("uses transactional DDL exactly on SQLite and PostgreSQL", async () => {
      await withDb(async (db) => {
        expect(db.getAdapter().transactionalDdl).toBe(database.dialect !== "mysql")
      })
    })

    it("runs again cleanly once the failing migration is fixed", async () => {
      await setup.app.writeMigration("20250102000002-create-half-done.js", failing)
      await withDb(async (_db, migrator) => { await expect(migrator.migrateFiles(await setup.app.findFiles(), importPath)).rejects.toThrow(MigrationFailedError) })

      // Fresh app folder: Node caches an imported module by path, as it would across a real fix-and-rerun.
      const fixed = await MigrationApp.create()

      try {
        await fixed.writeMigration("20250102000002-create-half-done.js", failing.replace("SELEC broken FROM nowhere", "SELECT 1"))
        await withDb(async (db, migrator) => {
          if (!db.getAdapter().transactionalDdl) await db.execute("DROP TABLE half_done")

          expect((await migrator.migrateFiles(await fixed.findFiles(), importPath)).map((run) => run.version)).toEqual(["20250102000002"])
          expect(await db.getIntrospector().tableExists("half_done")).toBe(true)
        })
      } finally {
        await fixed.remove()
      }
    })

    it("says what a migration file must export", async () => {
      await setup.app.writeMigration("20250102000001-not-a-class.js", "export const up = 1\n")
      await expect(withDb(async (_db, migrator) => await migrator.migrateFiles(await setup.app.findFiles(), importPath)))
        .rejects.toThrow("20250102000001-not-a-class.js must `export default class ... extends Migration` with an up() method")
    })

    it("names a database identifier the environment does not configure", async () => {
      await setup.app.writeMigration("20250102000001-create-ledgers.js", createTableMigration("CreateLedgers", "ledgers", "  static databaseIdentifiers = [\"reports\"]\n"))
      await expect(withDb(async (_db, migrator) => await migrator.migrateFiles(await setup.app.findFiles(), importPath)))
        .rejects.toThrow("Migration 20250102000001-create-ledgers.js runs on database 'reports', which is not configured for the test environment (configured: default)")
    })
  })
}
