import {DatabaseError} from "../drivers/base/errors.js"

export interface MigrationFile {
  /** The 14-digit timestamp prefix, stored in schema_migrations. */
  version: string
  /** `create-tasks` */
  name: string
  file: string
  fullPath: string
}

export class DuplicateMigrationVersionError extends DatabaseError {
  override name = "DuplicateMigrationVersionError"
}

export const migrationFilePattern = /^(\d{14})-([\w-]+)\.(?:[cm]?js|[cm]?ts)$/

/** `20261123120000-create-tasks.js` (or a path ending in it) as a migration file; undefined for any other name. */
export function migrationFileFromName(fullPath: string): MigrationFile | undefined {
  const file = fullPath.split(/[\\/]/).pop() as string
  const match = migrationFilePattern.exec(file)

  if (!match || file.endsWith(".d.ts")) return undefined

  return {version: match[1], name: match[2], file, fullPath}
}

/** Sorted by version; two files with one version are an error. */
export function checkedMigrationFiles(files: MigrationFile[]): MigrationFile[] {
  const sorted = [...files].sort((a, b) => a.version.localeCompare(b.version))

  for (let index = 1; index < sorted.length; index++) {
    if (sorted[index].version === sorted[index - 1].version) {
      throw new DuplicateMigrationVersionError(
        `Two migrations have version ${sorted[index].version}: ${sorted[index - 1].file} and ${sorted[index].file}. Give one of them a new timestamp (npx velocious g:migration makes unique ones)`
      )
    }
  }

  return sorted
}
