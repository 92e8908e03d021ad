import type {CommandContext} from "../command.js"
import {withAppDatabases} from "../support/app-command.js"
import {migrationStatus} from "../support/migration-commands.js"

export default async function dbMigrateStatus({cwd, stdout}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    await migrationStatus({configuration, source: configuration.getEnvironmentHandler().getMigrationSource({configuration}), stdout})

    return 0
  })
}
