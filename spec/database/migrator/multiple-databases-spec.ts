import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type Configuration from "velocious/build/src/configuration.js"
import type {DatabaseConnectionOptions} from "velocious/build/src/configuration/options.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {createDatabase, dropDatabase} from "velocious/build/src/database/database-tasks.js"
import Migrator from "velocious/build/src/database/migrator.js"
import {connectDriver, dropAllTables, testDatabases, type TestDatabase} from "../support/test-databases.js"
import {MigrationApp, configurationFor, createTableMigration, importPath} from "./support/migration-app.js"

// Names of our own, so no other suite's database or schema is touched.
const analyticsName = "velocious_migrator_analytics"

/** A second database of the same dialect: another in-memory SQLite, a PostgreSQL schema, a MySQL database. */
async function prepareAnalytics(database: TestDatabase): Promise<DriverConfig> {
  if (database.dialect === "sqlite") return {type: "sqlite", name: ":memory:"}

  if (database.dialect === "pgsql") {
    const db = await connectDriver(database.config)

    try {
      await db.execute(`CREATE SCHEMA IF NOT EXISTS ${analyticsName}`)
    } finally {
      await db.close()
    }

    return {...database.config, schema: analyticsName}
  }

  await createDatabase({...database.config, database: analyticsName}, process.cwd())

  return {...database.config, database: analyticsName}
}

async function removeAnalytics(database: TestDatabase): Promise<void> {
  if (database.dialect === "pgsql") {
    const db = await connectDriver(database.config)

    try {
      await db.execute(`DROP SCHEMA IF EXISTS ${analyticsName} CASCADE`)
    } finally {
      await db.close()
    }
  } else if (database.dialect === "mysql") {
    await dropDatabase({...database.config, database: analyticsName}, process.cwd())
  }
}

async function versions(db: BaseDriver): Promise<string[]> {
  return (await db.query<{version: string}>("SELECT version FROM schema_migrations ORDER BY version")).map((row) => String(row.version))
}

for (const database of testDatabases) {
  describe(`migrator - ${database.dialect} - several databases`, {skip: database.skip}, () => {
    let app: MigrationApp
    let configuration: Configuration

    const withDbs = <Result>(callback: (dbs: Record<string, BaseDriver>, migrator: Migrator) => Promise<Result>) =>
      configuration.ensureConnections(async (connections) => await callback(connections, new Migrator({configuration})))

    beforeEach(async () => {
      app = await MigrationApp.create()

      const analytics = await prepareAnalytics(database)

      configuration = configurationFor({app, databases: {default: database.config, analytics: analytics as DatabaseConnectionOptions}})
      await withDbs(async (dbs) => {
        await dropAllTables(dbs.default)
        await dropAllTables(dbs.analytics)
      })
      await app.writeMigration("20250103000001-create-tasks.js", createTableMigration("CreateTasks", "tasks"))
      await app.writeMigration("20250103000002-create-page-views.js", createTableMigration("CreatePageViews", "page_views", "  static databaseIdentifiers = [\"analytics\"]\n"))
      await app.writeMigration("20250103000003-create-settings.js", createTableMigration("CreateSettings", "settings", "  static databaseIdentifiers = [\"default\", \"analytics\"]\n"))
    })

    afterEach(async () => {
      await withDbs(async (dbs) => {
        await dropAllTables(dbs.default)
        await dropAllTables(dbs.analytics)
      })
      await configuration.closeDatabaseConnections()
      await removeAnalytics(database)
      await app.remove()
    })

    it("runs each migration only on the databases it names, recording it in each", async () => {
      const files = await app.findFiles()

      await withDbs(async (dbs, migrator) => {
        await migrator.prepare()
        expect(await dbs.default.getIntrospector().tables()).toEqual(["schema_migrations"])
        expect(await dbs.analytics.getIntrospector().tables()).toEqual(["schema_migrations"])

        expect((await migrator.migrateFiles(files, importPath)).map((run) => `${run.version}@${run.databaseIdentifier}`)).toEqual([
          "20250103000001@default", "20250103000002@analytics", "20250103000003@default", "20250103000003@analytics"
        ])
        expect(await dbs.default.getIntrospector().tables()).toEqual(["schema_migrations", "settings", "tasks"])
        expect(await dbs.analytics.getIntrospector().tables()).toEqual(["page_views", "schema_migrations", "settings"])
        expect(await versions(dbs.default)).toEqual(["20250103000001", "20250103000003"])
        expect(await versions(dbs.analytics)).toEqual(["20250103000002", "20250103000003"])
        expect(await migrator.migrateFiles(files, importPath)).toEqual([])
      })
    })

    it("reports status per database", async () => {
      const files = await app.findFiles()

      await withDbs(async (_dbs, migrator) => {
        await migrator.migrateFiles(files.slice(0, 2), importPath)
        expect((await migrator.status(files, importPath)).map((row) => `${row.databaseIdentifier} ${row.status} ${row.version} ${row.name}`)).toEqual([
          "analytics up 20250103000002 create-page-views",
          "analytics down 20250103000003 create-settings",
          "default up 20250103000001 create-tasks",
          "default down 20250103000003 create-settings"
        ])
      })
    })

    it("rolls back newest first across databases, on every database that ran the version", async () => {
      const files = await app.findFiles()

      await withDbs(async (dbs, migrator) => {
        await migrator.migrateFiles(files, importPath)
        expect((await migrator.rollback(files, importPath, {step: 2})).map((run) => `${run.version}@${run.databaseIdentifier}`)).toEqual([
          "20250103000003@default", "20250103000003@analytics", "20250103000002@analytics"
        ])
        expect(await dbs.default.getIntrospector().tables()).toEqual(["schema_migrations", "tasks"])
        expect(await dbs.analytics.getIntrospector().tables()).toEqual(["schema_migrations"])
        expect(await versions(dbs.default)).toEqual(["20250103000001"])
        expect(await versions(dbs.analytics)).toEqual([])
      })
    })
  })
}
