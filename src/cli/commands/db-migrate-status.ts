import type {CommandContext} from "../command.js"
import Migrator from "../../database/migrator.js"
import {appMigrationFiles, importMigration, withAppDatabases} from "../support/app-command.js"

export default async function dbMigrateStatus({cwd, stdout}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    const rows = await new Migrator({configuration}).status(await appMigrationFiles(configuration), importMigration)
    const lines = ["Database  Status  Migration ID    Migration Name", "-".repeat(56)]

    for (const row of rows) {
      lines.push(`${row.databaseIdentifier.padEnd(8)}  ${row.status.padEnd(6)}  ${row.version}  ${row.hasFile ? row.name : "********** NO FILE **********"}`)
    }

    stdout.write(`${lines.join("\n")}\n`)

    return 0
  })
}
