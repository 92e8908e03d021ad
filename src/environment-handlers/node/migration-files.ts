import path from "node:path"
import {pathToFileURL} from "node:url"
import FilesFinder from "../../database/migrator/files-finder.js"
import type {MigrationSource} from "../../database/migrator/migration-source.js"
import {registerTypeScriptFor} from "../../utils/typescript-loader.js"

export const migrationsDirectory = "src/database/migrations"

export const importMigrationFile = (fullPath: string) => import(pathToFileURL(fullPath).href)

/** The files in <app>/src/database/migrations, .ts ones loadable without a build step. */
export function migrationFilesIn(appDirectory: string): MigrationSource {
  return {
    findMigrations: async () => {
      const files = await new FilesFinder({path: path.join(appDirectory, migrationsDirectory)}).findFiles()

      await registerTypeScriptFor(files.map((file) => file.fullPath))

      return files
    },
    importMigration: importMigrationFile
  }
}
