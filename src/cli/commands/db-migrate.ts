import type {CommandContext} from "../command.js"
import Migrator from "../../database/migrator.js"
import {appMigrationFiles, importMigration, withAppDatabases} from "../support/app-command.js"
import {writeStructureFiles} from "../support/write-structure-files.js"

export default async function dbMigrate({cwd, stdout}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    const files = await appMigrationFiles(configuration)
    // Printed as each one finishes: when a later migration fails, the ones before it did run.
    const runs = await new Migrator({configuration}).migrateFiles(files, importMigration, {
      onRun: (run) => stdout.write(`Migrated ${run.version}-${run.name} (${run.databaseIdentifier})\n`)
    })

    if (runs.length === 0) stdout.write("No pending migrations\n")

    for (const file of await writeStructureFiles(configuration)) stdout.write(`Wrote ${file}\n`)

    return 0
  })
}
