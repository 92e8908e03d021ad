import type {CommandContext} from "../command.js"
import {structureSqlEnabled} from "../../database/structure-sql.js"
import {withAppDatabases} from "../support/app-command.js"
import {writeStructureFiles} from "../support/write-structure-files.js"

export default async function dbSchemaDump({cwd, stdout}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    if (!structureSqlEnabled(configuration)) {
      stdout.write(`Structure files are disabled for the ${configuration.getEnvironment()} environment (structureSql.disabledEnvironments)\n`)

      return 0
    }

    const written = await writeStructureFiles(configuration, {onlyMissing: true})

    for (const file of written) stdout.write(`Wrote ${file}\n`)
    if (written.length === 0) stdout.write("Every structure file exists already; nothing written\n")

    return 0
  })
}
