import fs from "node:fs/promises"
import path from "node:path"
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

const migrationFilePattern = /^(\d{14})-([\w-]+)\.(?:[cm]?js|[cm]?ts)$/

/** The migration files in a folder, sorted by version; two files with one version are an error. */
export default class FilesFinder {
  readonly path: string

  constructor({path: directory}: {path: string}) {
    this.path = directory
  }

  async findFiles(): Promise<MigrationFile[]> {
    const entries = await fs.readdir(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return []

      throw error
    })
    const files: MigrationFile[] = []

    for (const file of entries.sort()) {
      const match = migrationFilePattern.exec(file)

      if (!match || file.endsWith(".d.ts")) continue

      files.push({version: match[1], name: match[2], file, fullPath: path.join(this.path, file)})
    }

    files.sort((a, b) => a.version.localeCompare(b.version))

    for (let index = 1; index < files.length; index++) {
      if (files[index].version === files[index - 1].version) {
        throw new DuplicateMigrationVersionError(
          `Two migrations have version ${files[index].version}: ${files[index - 1].file} and ${files[index].file}. Give one of them a new timestamp (npx velocious g:migration makes unique ones)`
        )
      }
    }

    return files
  }
}
