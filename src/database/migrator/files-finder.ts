import fs from "node:fs/promises"
import path from "node:path"
import {checkedMigrationFiles, migrationFileFromName, type MigrationFile} from "./migration-file.js"

export {DuplicateMigrationVersionError, type MigrationFile} from "./migration-file.js"

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
      const found = migrationFileFromName(path.join(this.path, file))

      if (found) files.push(found)
    }

    return checkedMigrationFiles(files)
  }
}
