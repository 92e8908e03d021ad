import type Configuration from "../configuration.js"
import type BaseDriver from "./drivers/base/base-driver.js"
import {DatabaseError} from "./drivers/base/errors.js"
import Migration from "./migration/index.js"
import type {MigrationFile} from "./migrator/migration-file.js"
import {MigrationFailedError} from "./migrator/migration-failed-error.js"
import {appliedVersions, ensureSchemaMigrationsTable, forgetVersion, recordVersion} from "./migrator/schema-migrations-table.js"

export type {MigrationFile} from "./migrator/migration-file.js"

export type ImportMigration = (path: string) => Promise<{default?: unknown}>

type MigrationClass = (new (args: ConstructorParameters<typeof Migration>[0]) => Migration) & {databaseIdentifiers?: string[], disableDdlTransaction?: boolean}

export interface MigrationStatus {
  version: string
  name: string
  databaseIdentifier: string
  status: "up" | "down"
  /** False for a version recorded as run whose file is gone. */
  hasFile: boolean
}

export interface MigrationRun {
  version: string
  name: string
  databaseIdentifier: string
  direction: "up" | "down"
}

/** Called after each migration completes, so a caller can report progress even if a later one fails. */
export type OnMigrationRun = (run: MigrationRun) => void

/**
 * Runs migration files against the connections of the current async context (wrap calls in
 * configuration.ensureConnections), recording each version in schema_migrations.
 */
export default class Migrator {
  readonly configuration: Configuration

  constructor({configuration}: {configuration: Configuration}) {
    this.configuration = configuration
  }

  /** Creates schema_migrations in every configured database that lacks it. */
  async prepare(): Promise<void> {
    for (const identifier of this.configuration.getDatabaseIdentifiers()) await ensureSchemaMigrationsTable(this.db(identifier))
  }

  /** Runs every migration not yet run, oldest first. */
  async migrateFiles(files: MigrationFile[], importMigration: ImportMigration, {onRun}: {onRun?: OnMigrationRun} = {}): Promise<MigrationRun[]> {
    const runs: MigrationRun[] = []

    await this.prepare()

    for (const file of sortByVersion(files)) {
      const MigrationType = await this.loadMigration(file, importMigration)

      for (const identifier of this.identifiersFor(MigrationType, file)) {
        const db = this.db(identifier)

        if ((await appliedVersions(db)).has(file.version)) continue

        await this.runMigration({MigrationType, file, identifier, db, direction: "up"})

        const run: MigrationRun = {version: file.version, name: file.name, databaseIdentifier: identifier, direction: "up"}

        runs.push(run)
        onRun?.(run)
      }
    }

    // A script that initialized the app before migrating can use the new tables' models now.
    if (runs.length > 0) await this.configuration.initializeWaitingModels()

    return runs
  }

  /** Reverts the `step` most recently run migrations, newest first. */
  async rollback(files: MigrationFile[], importMigration: ImportMigration, {step = 1, onRun}: {step?: number, onRun?: OnMigrationRun} = {}): Promise<MigrationRun[]> {
    if (!Number.isInteger(step) || step < 1) throw new DatabaseError(`Rollback step must be a whole number of 1 or more, got ${step}`)

    await this.prepare()

    const applied = new Map<string, string[]>()

    for (const identifier of this.configuration.getDatabaseIdentifiers()) {
      for (const version of await appliedVersions(this.db(identifier))) applied.set(version, [...(applied.get(version) || []), identifier])
    }

    const versions = [...applied.keys()].sort().reverse().slice(0, step)
    const runs: MigrationRun[] = []

    for (const version of versions) {
      const file = files.find((each) => each.version === version)

      if (!file) throw new DatabaseError(`Cannot roll back version ${version}: no migration file with that version (was it deleted or renamed?)`)

      const MigrationType = await this.loadMigration(file, importMigration)

      for (const identifier of applied.get(version) || []) {
        await this.runMigration({MigrationType, file, identifier, db: this.db(identifier), direction: "down"})

        const run: MigrationRun = {version, name: file.name, databaseIdentifier: identifier, direction: "down"}

        runs.push(run)
        onRun?.(run)
      }
    }

    return runs
  }

  /** Each migration file per database it targets, plus versions recorded as run whose files are gone. */
  async status(files: MigrationFile[], importMigration: ImportMigration): Promise<MigrationStatus[]> {
    await this.prepare()

    const rows: MigrationStatus[] = []

    for (const identifier of this.configuration.getDatabaseIdentifiers()) {
      const applied = await appliedVersions(this.db(identifier))

      for (const file of sortByVersion(files)) {
        const MigrationType = await this.loadMigration(file, importMigration)

        if (!this.identifiersFor(MigrationType, file).includes(identifier)) continue

        rows.push({version: file.version, name: file.name, databaseIdentifier: identifier, status: applied.has(file.version) ? "up" : "down", hasFile: true})
      }

      for (const version of applied) {
        if (!files.some((file) => file.version === version)) rows.push({version, name: "", databaseIdentifier: identifier, status: "up", hasFile: false})
      }
    }

    return rows.sort((a, b) => a.databaseIdentifier.localeCompare(b.databaseIdentifier) || a.version.localeCompare(b.version))
  }

  private db(identifier: string): BaseDriver {
    return this.configuration.getDatabasePool(identifier).getCurrentConnection()
  }

  private identifiersFor(MigrationType: MigrationClass, file: MigrationFile): string[] {
    const wanted = MigrationType.databaseIdentifiers || ["default"]
    const configured = this.configuration.getDatabaseIdentifiers()
    const missing = wanted.filter((identifier) => !configured.includes(identifier))

    if (missing.length > 0) {
      throw new DatabaseError(`Migration ${file.file} runs on database '${missing[0]}', which is not configured for the ${this.configuration.getEnvironment()} environment (configured: ${configured.join(", ")}). Fix static databaseIdentifiers in the migration or the configuration`)
    }

    return wanted
  }

  private async loadMigration(file: MigrationFile, importMigration: ImportMigration): Promise<MigrationClass> {
    const loaded = await importMigration(file.fullPath)
    const MigrationType = loaded?.default

    if (typeof MigrationType !== "function" || !(MigrationType.prototype instanceof Migration || typeof MigrationType.prototype?.up === "function")) {
      throw new DatabaseError(`${file.file} must \`export default class ... extends Migration\` with an up() method`)
    }

    return MigrationType as MigrationClass
  }

  private async runMigration({MigrationType, file, identifier, db, direction}: {MigrationType: MigrationClass, file: MigrationFile, identifier: string, db: BaseDriver, direction: "up" | "down"}): Promise<void> {
    const transactionalDdl = db.getAdapter().transactionalDdl
    const transactional = transactionalDdl && !MigrationType.disableDdlTransaction
    const whyNoTransaction = transactionalDdl ? "it sets disableDdlTransaction, so it ran outside a transaction" : undefined
    const migration = new MigrationType({configuration: this.configuration, databaseIdentifier: identifier, db})
    const apply = async () => {
      if (direction === "up") {
        await migration.up()
        await recordVersion(db, file.version)
      } else {
        await migration.down()
        await forgetVersion(db, file.version)
      }
    }

    try {
      if (transactional) await db.transaction(apply)
      else await apply()
    } catch (error) {
      throw new MigrationFailedError({file: file.file, databaseIdentifier: identifier, direction, cause: error, transactional, whyNoTransaction})
    }
  }
}

function sortByVersion(files: MigrationFile[]): MigrationFile[] {
  return [...files].sort((a, b) => a.version.localeCompare(b.version))
}
