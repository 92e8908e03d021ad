import type {CommandContext} from "../command.js"
import Migrator from "../../database/migrator.js"
import {appMigrationFiles, importMigration, withAppDatabases} from "../support/app-command.js"
import {writeStructureFiles} from "../support/write-structure-files.js"

export default async function dbRollback({cwd, values, stdout, stderr}: CommandContext): Promise<number> {
  const step = values.step === undefined ? 1 : Number(values.step)

  if (!Number.isInteger(step) || step < 1) {
    stderr.write(`--step must be a whole number of 1 or more, got ${JSON.stringify(values.step)}\n`)

    return 2
  }

  return await withAppDatabases(cwd, async (configuration) => {
    const files = await appMigrationFiles(configuration)
    const runs = await new Migrator({configuration}).rollback(files, importMigration, {
      step,
      onRun: (run) => stdout.write(`Rolled back ${run.version}-${run.name} (${run.databaseIdentifier})\n`)
    })

    if (runs.length === 0) stdout.write("No migrations to roll back\n")

    for (const file of await writeStructureFiles(configuration)) stdout.write(`Wrote ${file}\n`)

    return 0
  })
}
