import type {CommandContext} from "../command.js"
import {withAppDatabases} from "../support/app-command.js"
import {migrate} from "../support/migration-commands.js"
import {writeStructureFiles} from "../support/write-structure-files.js"

export default async function dbMigrate({cwd, stdout}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    await migrate({configuration, source: configuration.getEnvironmentHandler().getMigrationSource({configuration}), stdout})

    for (const file of await writeStructureFiles(configuration)) stdout.write(`Wrote ${file}\n`)

    return 0
  })
}
