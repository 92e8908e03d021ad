import type Configuration from "../../configuration.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import type {MigrationFile} from "../../database/migrator/files-finder.js"
import {migrationFilesIn} from "../../environment-handlers/node/migration-files.js"

export {migrationsDirectory} from "../../environment-handlers/node/migration-files.js"

/** Loads the app's configuration, runs `callback` with connections to every database, then closes them. */
export async function withAppDatabases<Result>(cwd: string, callback: (configuration: Configuration) => Promise<Result>): Promise<Result> {
  const configuration = await loadAppConfiguration(cwd, {required: true}) as Configuration

  try {
    return await configuration.ensureConnections(() => callback(configuration))
  } finally {
    await configuration.close()
  }
}

export async function appMigrationFiles(configuration: Configuration): Promise<MigrationFile[]> {
  return await migrationFilesIn(configuration.getDirectory()).findMigrations()
}

export {importMigrationFile as importMigration} from "../../environment-handlers/node/migration-files.js"
