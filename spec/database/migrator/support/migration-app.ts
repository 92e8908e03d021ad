import fs from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import Migrator from "velocious/build/src/database/migrator.js"
import {dropAllTables} from "../../support/test-databases.js"
import type {DatabaseConnectionOptions} from "velocious/build/src/configuration/options.js"
import type {DialectName} from "velocious/build/src/database/drivers/base/adapter.js"
import FilesFinder from "velocious/build/src/database/migrator/files-finder.js"
import type {MigrationFile} from "velocious/build/src/database/migrator/files-finder.js"

/** The checkout itself, so a temp app can `import ... from "velocious/build/..."` through a symlink. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..")

/** The README's "Write a migration" example, unchanged apart from the class body being data. */
export const readmeMigration = `import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateEvents extends Migration {
  async up() {
    await this.createTable("tasks", (t) => {
      t.timestamps()
    })

    // UUID primary key
    await this.createTable("uuid_items", {id: {type: "uuid"}}, (t) => {
      t.string("title", {null: false})
      t.timestamps()
    })

    // Column helper examples
    await this.createTable("examples", (t) => {
      t.bigint("count")
      t.blob("payload")
      t.boolean("published")
      t.datetime("published_at")
      t.integer("position")
      t.json("metadata")
      t.string("name")
      t.text("body")
      t.tinyint("priority")
      t.uuid("uuid_column")
      t.references("user")
      t.timestamps()
    })

    await this.createTable("task_translations", (t) => {
      t.references("task", {foreignKey: true, null: false})
      t.string("locale", {null: false})
      t.string("name")
      t.timestamps()
    })

    await this.addIndex("task_translations", ["task_id", "locale"], {unique: true})
  }

  async down() {
    await this.dropTable("task_translations")
    await this.dropTable("examples")
    await this.dropTable("tasks")
  }
}
`

/** A migration that creates `table` with one string column and drops it again. */
export function createTableMigration(className: string, table: string, extra = ""): string {
  return `import Migration from "velocious/build/src/database/migration/index.js"

export default class ${className} extends Migration {
${extra}
  async up() {
    await this.createTable("${table}", (t) => {
      t.string("name")
    })
  }

  async down() {
    await this.dropTable("${table}")
  }
}
`
}

/**
 * A throwaway app folder: package.json with "type": "module", node_modules/velocious linked to
 * this checkout, and a migrations folder. Migration files get fresh paths per app, so Node's
 * module cache never hands back a file from an earlier test.
 */
export class MigrationApp {
  readonly directory: string
  readonly migrationsPath: string

  private constructor(directory: string) {
    this.directory = directory
    this.migrationsPath = path.join(directory, "src/database/migrations")
  }

  static async create(prefix = "velocious-migrator-"): Promise<MigrationApp> {
    const app = new MigrationApp(await fs.mkdtemp(path.join(os.tmpdir(), prefix)))

    await fs.mkdir(path.join(app.directory, "node_modules"), {recursive: true})
    await fs.symlink(packageRoot, path.join(app.directory, "node_modules/velocious"), "dir")
    await fs.writeFile(path.join(app.directory, "package.json"), `${JSON.stringify({name: "migrator-spec-app", private: true, type: "module"}, null, 2)}\n`)
    await fs.mkdir(app.migrationsPath, {recursive: true})

    return app
  }

  async writeMigration(file: string, source: string): Promise<string> {
    const fullPath = path.join(this.migrationsPath, file)

    await fs.writeFile(fullPath, source)

    return fullPath
  }

  async writeFile(relative: string, content: string): Promise<void> {
    await fs.mkdir(path.dirname(path.join(this.directory, relative)), {recursive: true})
    await fs.writeFile(path.join(this.directory, relative), content)
  }

  readFile(relative: string): Promise<string> {
    return fs.readFile(path.join(this.directory, relative), "utf8")
  }

  exists(relative: string): Promise<boolean> {
    return fs.stat(path.join(this.directory, relative)).then(() => true, () => false)
  }

  findFiles(): Promise<MigrationFile[]> {
    return new FilesFinder({path: this.migrationsPath}).findFiles()
  }

  async remove(): Promise<void> {
    await fs.rm(this.directory, {recursive: true, force: true})
  }
}

export function configurationFor({app, databases}: {app: MigrationApp, databases: Record<string, DatabaseConnectionOptions>}): Configuration {
  return new Configuration({directory: app.directory, environment: "test", database: {test: databases}})
}

/** What the README's import callback does, spelled out once for the specs. */
export const importPath = async (fullPath: string) => await import(fullPath)

export type {DialectName}

/**
 * Registers the per-test setup every migrator suite shares: a fresh temp app, a configuration
 * for `database`, and empty databases before and after each test. Call inside `describe`.
 */
export function useMigrationDatabase(database: {config: DatabaseConnectionOptions}) {
  const context = {
    app: undefined as unknown as MigrationApp,
    configuration: undefined as unknown as Configuration,
    withDb<Result>(callback: (db: BaseDriver, migrator: Migrator) => Promise<Result>): Promise<Result> {
      return context.configuration.ensureConnections(async (connections) => await callback(connections.default, new Migrator({configuration: context.configuration})))
    }
  }

  beforeEach(async () => {
    context.app = await MigrationApp.create()
    context.configuration = configurationFor({app: context.app, databases: {default: database.config}})
    await context.withDb((db) => dropAllTables(db))
  })

  afterEach(async () => {
    await context.withDb((db) => dropAllTables(db))
    await context.configuration.closeDatabaseConnections()
    await context.app.remove()
  })

  return context
}
