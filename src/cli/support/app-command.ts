import {pathToFileURL} from "node:url"
import type Configuration from "../../configuration.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import {registerTypeScriptFor} from "../../utils/typescript-loader.js"
import FilesFinder from "../../database/migrator/files-finder.js"
import type {MigrationFile} from "../../database/migrator/files-finder.js"
import path from "node:path"

/** Loads the app's configuration, runs `callback` with connections to every database, then closes them. */
export async function withAppDatabases<Result>(cwd: string, callback: (configuration: Configuration) => Promise<Result>): Promise<Result> {
  const configuration = await loadAppConfiguration(cwd, {required: true}) as Configuration

  try {
    return await configuration.ensureConnections(() => callback(configuration))
  } finally {
    await configuration.close()
  }
}

export const migrationsDirectory = "src/database/migrations"

export async function appMigrationFiles(configuration: Configuration): Promise<MigrationFile[]> {
  const files = await new FilesFinder({path: path.join(configuration.getDirectory(), migrationsDirectory)}).findFiles()

  await registerTypeScriptFor(files.map((file) => file.fullPath))

  return files
}

export const importMigration = (fullPath: string) => import(pathToFileURL(fullPath).href)
