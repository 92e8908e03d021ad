import type Configuration from "../../configuration.js"
import Migrator from "../../database/migrator.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import {appMigrationFiles, importMigration} from "./app-command.js"

/**
 * For commands that run app code (test, console, server): configuration current and
 * initialized, a fallback connection per database, and the models ready. `migrate` runs
 * pending migrations first, as Rails keeps the test schema up to date, so a test database
 * (also `":memory:"`) needs no separate step.
 */
export async function bootApp(cwd: string, {required, migrate = false}: {required: boolean, migrate?: boolean}): Promise<Configuration | undefined> {
  const configuration = await loadAppConfiguration(cwd, {required})

  if (!configuration || !configuration.options.database) return configuration

  await configuration.ensureGlobalConnections()
  if (migrate) await migratePending(configuration)
  await configuration.initializeModels()

  return configuration
}

async function migratePending(configuration: Configuration): Promise<void> {
  const files = await appMigrationFiles(configuration)

  if (files.length === 0) return

  await configuration.ensureConnections(() => new Migrator({configuration}).migrateFiles(files, importMigration))
}
