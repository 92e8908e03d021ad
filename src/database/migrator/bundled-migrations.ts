import {DatabaseError} from "../drivers/base/errors.js"
import {checkedMigrationFiles, migrationFileFromName, type MigrationFile} from "./migration-file.js"
import type {MigrationSource} from "./migration-source.js"

type MigrationModule = {default?: unknown}

/** File name (or a path ending in it) → the migration's module, or a function that imports it. */
export type BundledMigrations = Record<string, MigrationModule | (() => Promise<MigrationModule>)>

export class InvalidMigrationNameError extends DatabaseError {
  override name = "InvalidMigrationNameError"
}

/**
 * Migrations a bundle carries with it, where there is no folder to list: the keys are named
 * like the files in src/database/migrations (`20261123120000-create-tasks.js`), so versions and
 * names come out the same as under Node.
 */
export function bundledMigrations(migrations: BundledMigrations): MigrationSource {
  if (typeof migrations !== "object" || migrations === null || Array.isArray(migrations)) {
    throw new TypeError("migrations must be an object of file name → module, e.g. {\"20261123120000-create-tasks.js\": createTasksModule} or import.meta.glob(\"./migrations/*.js\")")
  }

  const files: MigrationFile[] = []

  for (const key of Object.keys(migrations)) {
    const file = migrationFileFromName(key)

    if (!file) throw new InvalidMigrationNameError(`The bundled migration ${JSON.stringify(key)} is not named <14-digit timestamp>-<name>.js (like 20261123120000-create-tasks.js); name its key after its file`)

    files.push(file)
  }

  const sorted = checkedMigrationFiles(files)

  return {
    findMigrations: async () => sorted,
    importMigration: async (fullPath: string) => {
      const entry = migrations[fullPath]

      return typeof entry === "function" ? await entry() : entry
    }
  }
}
