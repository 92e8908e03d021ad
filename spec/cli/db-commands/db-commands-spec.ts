import fs from "node:fs/promises"
import path from "node:path"
import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {dropDatabase} from "velocious/build/src/database/database-tasks.js"
import {readmeMigration, createTableMigration} from "../../database/migrator/support/migration-app.js"
import {baseConfig, testDatabases} from "../../database/support/test-databases.js"
import {MigrationApp, runVelocious, runVelociousOk, writeConfiguration} from "./support/cli-app.js"

// Only this spec uses these names, so the in-process suites' velocious_test is never touched.
const cliDatabase = "velocious_cli_test"
const structureFile = "db/structure-default.sql"

// Types and an interface that only tsx's type stripping gets past: proves the CLI loads .ts migrations.
const typeScriptMigration = `import Migration from "velocious/build/src/database/migration/index.js"

interface ColumnSpec {
  name: string
  limit: number
}

export default class CreateProjects extends Migration {
  static override databaseIdentifiers: string[] = ["default"]

  async up(): Promise<void> {
    const column: ColumnSpec = {name: "title", limit: 120}

    await this.createTable("projects", (t) => {
      t.string(column.name, {limit: column.limit})
    })
  }

  async down(): Promise<void> {
    await this.dropTable("projects")
  }
}
`

const versions = {events: "20250104000001", projects: "20250104000002", people: "20250104000003"}

async function writeMigrations(app: MigrationApp): Promise<void> {
  await app.writeMigration(`${versions.events}-create-events.js`, readmeMigration)
  await app.writeMigration(`${versions.projects}-create-projects.ts`, typeScriptMigration)
  await app.writeMigration(`${versions.people}-create-people.js`, createTableMigration("CreatePeople", "people"))
}

for (const database of testDatabases) {
  describe(`db commands - ${database.dialect} - CLI end to end`, {skip: database.skip}, () => {
    const config: DriverConfig = database.dialect === "sqlite" ? {type: "sqlite", name: "cli_test"} : {...baseConfig(database.dialect), database: cliDatabase}
    const databaseLabel = database.dialect === "sqlite" ? "cli_test" : cliDatabase
    let app: MigrationApp

    beforeEach(async () => {
      app = await MigrationApp.create("velocious-db-cli-")
      await dropDatabase(config, app.directory)
      await writeConfiguration(app, config)
      await writeMigrations(app)
    })

    afterEach(async () => {
      // Also after a failed test: never leave the CLI database behind for the next run.
      await dropDatabase(config, app.directory)
      await app.remove()
    })

    it("creates the database, migrates (JS and TS files), writes a stable structure file, rolls back and reports status", async () => {
      expect((await runVelociousOk(app, ["db:drop"])).stdout).toBe(`Does not exist: ${database.dialect} database ${databaseLabel} ('default')\n`)
      expect((await runVelociousOk(app, ["db:create"])).stdout).toBe(`Created ${database.dialect} database ${databaseLabel} ('default')\n`)
      expect((await runVelociousOk(app, ["db:create"])).stdout).toBe(`Already exists: ${database.dialect} database ${databaseLabel} ('default')\n`)

      expect((await runVelociousOk(app, ["db:migrate"])).stdout).toBe([
        `Migrated ${versions.events}-create-events (default)`,
        `Migrated ${versions.projects}-create-projects (default)`,
        `Migrated ${versions.people}-create-people (default)`,
        `Wrote ${structureFile}`,
        ""
      ].join("\n"))

      const structure = await app.readFile(structureFile)

      for (const table of ["examples", "people", "projects", "schema_migrations", "task_translations", "tasks", "uuid_items"]) expect(structure).toMatch(new RegExp(`CREATE TABLE \\W?${table}\\W`))
      expect(structure).toContain("index_task_translations_on_task_id_and_locale")
      expect(structure.endsWith(`VALUES\n('${versions.events}'),\n('${versions.projects}'),\n('${versions.people}');\n`)).toBe(true)

      // Nothing pending: the structure file is written again, byte for byte the same.
      expect((await runVelociousOk(app, ["db:migrate"])).stdout).toBe(`No pending migrations\nWrote ${structureFile}\n`)
      expect(await app.readFile(structureFile)).toBe(structure)

      expect((await runVelociousOk(app, ["db:rollback", "--step", "2"])).stdout).toBe([
        `Rolled back ${versions.people}-create-people (default)`,
        `Rolled back ${versions.projects}-create-projects (default)`,
        `Wrote ${structureFile}`,
        ""
      ].join("\n"))

      const rolledBack = await app.readFile(structureFile)

      expect(rolledBack).not.toMatch(/CREATE TABLE \W?(people|projects)\W/)
      expect(rolledBack.endsWith(`VALUES\n('${versions.events}');\n`)).toBe(true)

      expect((await runVelociousOk(app, ["db:migrate:status"])).stdout).toBe([
        "Database  Status  Migration ID    Migration Name",
        "-".repeat(56),
        `default   up      ${versions.events}  create-events`,
        `default   down    ${versions.projects}  create-projects`,
        `default   down    ${versions.people}  create-people`,
        ""
      ].join("\n"))
    })

    it("dumps only missing structure files, loads one into a fresh database, and says to db:create when the database is gone", async () => {
      await runVelociousOk(app, ["db:create"])
      await runVelociousOk(app, ["db:migrate"])

      const structure = await app.readFile(structureFile)

      // An existing file is left exactly as it is, even when it no longer matches the database.
      await app.writeFile(structureFile, "-- edited by hand\n")

      const before = await fs.stat(path.join(app.directory, structureFile))

      expect((await runVelociousOk(app, ["db:schema:dump"])).stdout).toBe("Every structure file exists already; nothing written\n")
      expect(await app.readFile(structureFile)).toBe("-- edited by hand\n")
      expect((await fs.stat(path.join(app.directory, structureFile))).mtimeMs).toBe(before.mtimeMs)

      await fs.rm(path.join(app.directory, structureFile))
      expect((await runVelociousOk(app, ["db:schema:dump"])).stdout).toBe(`Wrote ${structureFile}\n`)
      expect(await app.readFile(structureFile)).toBe(structure)

      expect((await runVelociousOk(app, ["db:drop"])).stdout).toBe(`Dropped ${database.dialect} database ${databaseLabel} ('default')\n`)
      await runVelociousOk(app, ["db:create"])
      expect((await runVelociousOk(app, ["db:schema:load"])).stdout).toBe("Loaded db/structure-default.sql into 'default'\n")

      // The loaded schema_migrations rows make the database up to date, and it dumps to the same bytes.
      expect((await runVelociousOk(app, ["db:migrate"])).stdout).toBe(`No pending migrations\nWrote ${structureFile}\n`)
      expect(await app.readFile(structureFile)).toBe(structure)

      const reload = await runVelocious(app, ["db:schema:load"])

      expect(reload.code).toBe(1)
      expect(reload.stderr).toContain("The 'default' database is not empty (tables: examples, people, projects, schema_migrations, task_translations, tasks, uuid_items). db:schema:load only loads into an empty database")

      await runVelociousOk(app, ["db:drop"])

      if (database.dialect === "sqlite") {
        // SQLite has no server-side database: the first connection makes the file and its db/ folder, as Rails does.
        await fs.rm(path.join(app.directory, "db"), {recursive: true})

        const migrated = await runVelociousOk(app, ["db:migrate"])

        expect(migrated.stdout).toContain(`Migrated ${versions.events}-create-events (default)`)
        expect(await app.exists(structureFile)).toBe(true)
        expect((await runVelociousOk(app, ["db:create"])).stdout).toBe(`Already exists: sqlite database ${databaseLabel} ('default')\n`)
        return
      }

      const missing = await runVelocious(app, ["db:migrate"])

      expect(missing.code).toBe(1)
      expect(missing.stdout).toBe("")
      expect(missing.stderr).toContain(`DatabaseNotFoundError: The database "${cliDatabase}" does not exist on the ${database.dialect === "pgsql" ? "PostgreSQL" : "MySQL/MariaDB"} server`)
      expect(missing.stderr).toContain("npx velocious db:create")
    })

    it("reports the migrations that ran before one failed; writes no structure file where structureSql is disabled", async () => {
      await writeConfiguration(app, config, {structureSql: {disabledEnvironments: ["test"]}})
      await app.writeMigration("20250104000004-broken.js", createTableMigration("Broken", "broken").replace("async up() {", "async up() {\n    await this.execute(\"SELEC 1\")"))
      await runVelociousOk(app, ["db:create"])

      const migrated = await runVelocious(app, ["db:migrate"])

      expect(migrated.code).toBe(1)
      expect(migrated.stdout).toBe([
        `Migrated ${versions.events}-create-events (default)`,
        `Migrated ${versions.projects}-create-projects (default)`,
        `Migrated ${versions.people}-create-people (default)`,
        ""
      ].join("\n"))
      expect(migrated.stderr).toContain("MigrationFailedError: Migration 20250104000004-broken.js failed (up) on the 'default' database: DatabaseQueryError:")
      expect(migrated.stderr).toContain("SQL: SELEC 1")
      expect((await runVelociousOk(app, ["db:schema:dump"])).stdout).toBe("Structure files are disabled for the test environment (structureSql.disabledEnvironments)\n")
      expect(await app.exists(structureFile)).toBe(false)

      // A successful run in a disabled environment writes nothing either.
      await fs.rm(path.join(app.migrationsPath, "20250104000004-broken.js"))
      expect((await runVelociousOk(app, ["db:migrate"])).stdout).toBe("No pending migrations\n")
      expect(await app.exists(structureFile)).toBe(false)
    })
  })
}

describe("db commands - g:migration and usage errors", () => {
  let app: MigrationApp

  beforeEach(async () => {
    app = await MigrationApp.create("velocious-db-cli-")
    await fs.rm(app.migrationsPath, {recursive: true})
  })

  afterEach(async () => {
    await app.remove()
  })

  it("creates a JavaScript migration that db:migrate runs", async () => {
    await writeConfiguration(app, {type: "sqlite", name: "db/generated.sqlite"})

    const created = await runVelociousOk(app, ["g:migration", "create-tasks"])
    const [file] = await fs.readdir(app.migrationsPath)

    expect(file).toMatch(/^\d{14}-create-tasks\.js$/)
    expect(created.stdout).toBe(`Created src/database/migrations/${file}\n`)
    expect(await app.readFile(`src/database/migrations/${file}`)).toContain("export default class CreateTasks extends Migration {")

    await fs.mkdir(path.join(app.directory, "db"))
    expect((await runVelociousOk(app, ["db:migrate"])).stdout).toBe(`Migrated ${file.replace(/\.js$/, "")} (default)\nWrote ${structureFile}\n`)
  })

  it("creates a TypeScript migration when the app has a tsconfig.json", async () => {
    await app.writeFile("tsconfig.json", "{}\n")
    await runVelociousOk(app, ["g:migration", "add_priority_to_tasks"])

    const [file] = await fs.readdir(app.migrationsPath)

    expect(file).toMatch(/^\d{14}-add-priority-to-tasks\.ts$/)
    expect(await app.readFile(`src/database/migrations/${file}`)).toContain("export default class AddPriorityToTasks extends Migration {")
  })

  it("exits 2 with a usage message for g:migration without a name and a non-numeric --step", async () => {
    const noName = await runVelocious(app, ["g:migration"])

    expect(noName.code).toBe(2)
    expect(noName.stderr).toBe("Usage: velocious g:migration <name>, e.g. velocious g:migration create-tasks\n")
    expect(await app.exists("src/database/migrations")).toBe(false)

    const badStep = await runVelocious(app, ["db:rollback", "--step", "x"])

    expect(badStep.code).toBe(2)
    expect(badStep.stderr).toBe("--step must be a whole number of 1 or more, got \"x\"\n")
  })
})
