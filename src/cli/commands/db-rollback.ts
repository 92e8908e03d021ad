import type {CommandContext} from "../command.js"
import {withAppDatabases} from "../support/app-command.js"
import {parseStep, rollback} from "../support/migration-commands.js"
import {writeStructureFiles} from "../support/write-structure-files.js"

export default async function dbRollback({cwd, values, stdout, stderr}: CommandContext): Promise<number> {
  const step = parseStep(values.step)

  if (typeof step === "string") {
    stderr.write(`${step}\n`)

    return 2
  }

  return await withAppDatabases(cwd, async (configuration) => {
    await rollback({configuration, source: configuration.getEnvironmentHandler().getMigrationSource({configuration}), stdout, step})

    for (const file of await writeStructureFiles(configuration)) stdout.write(`Wrote ${file}\n`)

    return 0
  })
}
