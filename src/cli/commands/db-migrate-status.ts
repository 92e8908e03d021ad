import type {CommandContext} from "../command.js"
import Migrator from "../../database/migrator.js"
import {appMigrationFiles, importMigration, withAppDatabases} from "../support/app-command.js"

export default async function dbMigrateStatus({cwd, stdout}: CommandContext): Promise<number> {
  return await withAppDatabases(cwd, async (configuration) => {
    const rows = await new Migrator({configuration}).status(await appMigrationFiles(configuration), importMigration)
    // As wide as the longest identifier ("analytics" is longer than the header), so columns line up.
    const width = Math.max("Database".length, ...rows.map((row) => row.databaseIdentifier.length))
    const lines = [`${"Database".padEnd(width)}  Status  Migration ID    Migration Name`, "-".repeat(width + 48)]

    for (const row of rows) {
      lines.push(`${row.databaseIdentifier.padEnd(width)}  ${row.status.padEnd(6)}  ${row.version}  ${row.hasFile ? row.name : "********** NO FILE **********"}`)
    }

    stdout.write(`${lines.join("\n")}\n`)

    return 0
  })
}
