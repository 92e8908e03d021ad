import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {dropDatabase} from "velocious/build/src/database/database-tasks.js"
import {createTableMigration} from "../../database/migrator/support/migration-app.js"
import {baseConfig, testDatabases} from "../../database/support/test-databases.js"
import {MigrationApp, runVelociousOk} from "./support/cli-app.js"

for (const database of testDatabases) {
  describe(`db commands - ${database.dialect} - several databases`, {skip: database.skip}, () => {
    // Names only this spec uses.
    const configs: Record<string, DriverConfig> = database.dialect === "sqlite"
      ? {default: {type: "sqlite", name: "cli_main"}, analytics: {type: "sqlite", name: "cli_analytics"}}
      : {default: {...baseConfig(database.dialect), database: "velocious_cli_main"}, analytics: {...baseConfig(database.dialect), database: "velocious_cli_analytics"}}
    let app: MigrationApp

    const dropBoth = async () => {
      for (const config of Object.values(configs)) await dropDatabase(config, app.directory)
    }

    beforeEach(async () => {
      app = await MigrationApp.create("velocious-db-cli-")
      await dropBoth()
      await app.writeFile("src/config/configuration.js", [
        "import Configuration from \"velocious/build/src/configuration.js\"",
        "",
        `export default new Configuration(${JSON.stringify({database: {test: configs}}, null, 2)})`,
        ""
      ].join("\n"))
      await app.writeMigration("20250106000001-create-tasks.js", createTableMigration("CreateTasks", "tasks"))
      await app.writeMigration("20250106000002-create-page-views.js", createTableMigration("CreatePageViews", "page_views", "  static databaseIdentifiers = [\"analytics\"]\n"))
    })

    afterEach(async () => {
      await dropBoth()
      await app.remove()
    })

    it("creates and migrates every database, with one structure file each and status per database", async () => {
      const name = (identifier: string) => String(configs[identifier].database ?? configs[identifier].name)

      expect((await runVelociousOk(app, ["db:create"])).stdout).toBe(
        `Created ${database.dialect} database ${name("default")} ('default')\nCreated ${database.dialect} database ${name("analytics")} ('analytics')\n`
      )
      expect((await runVelociousOk(app, ["db:migrate"])).stdout).toBe([
        "Migrated 20250106000001-create-tasks (default)",
        "Migrated 20250106000002-create-page-views (analytics)",
        "Wrote db/structure-default.sql",
        "Wrote db/structure-analytics.sql",
        ""
      ].join("\n"))

      const main = await app.readFile("db/structure-default.sql")
      const analytics = await app.readFile("db/structure-analytics.sql")

      expect(main).toMatch(/CREATE TABLE \W?tasks\W/)
      expect(main).not.toContain("page_views")
      expect(main.endsWith("VALUES\n('20250106000001');\n")).toBe(true)
      expect(analytics).toMatch(/CREATE TABLE \W?page_views\W/)
      expect(analytics).not.toMatch(/CREATE TABLE \W?tasks\W/)
      expect(analytics.endsWith("VALUES\n('20250106000002');\n")).toBe(true)

      expect((await runVelociousOk(app, ["db:migrate:status"])).stdout).toBe([
        "Database   Status  Migration ID    Migration Name",
        "-".repeat(57),
        "analytics  up      20250106000002  create-page-views",
        "default    up      20250106000001  create-tasks",
        ""
      ].join("\n"))
    })
  })
}
