import type Configuration from "../../configuration.js"
import Migrator from "../../database/migrator.js"
import type {MigrationSource} from "../../database/migrator/migration-source.js"

type Output = {write(text: string): unknown}

export interface MigrationCommandArgs {
  configuration: Configuration
  source: MigrationSource
  stdout: Output
}

// The bodies of db:migrate, db:rollback and db:migrate:status, shared by the Node CLI and the
// browser CLI: only where the migrations come from (a folder or the bundle) differs.

export async function migrate({configuration, source, stdout}: MigrationCommandArgs): Promise<void> {
  const files = await source.findMigrations()
  // Printed as each one finishes: when a later migration fails, the ones before it did run.
  const runs = await new Migrator({configuration}).migrateFiles(files, source.importMigration, {
    onRun: (run) => stdout.write(`Migrated ${run.version}-${run.name} (${run.databaseIdentifier})\n`)
  })

  if (runs.length === 0) stdout.write("No pending migrations\n")
}

export async function rollback({configuration, source, stdout, step}: MigrationCommandArgs & {step: number}): Promise<void> {
  const files = await source.findMigrations()
  const runs = await new Migrator({configuration}).rollback(files, source.importMigration, {
    step,
    onRun: (run) => stdout.write(`Rolled back ${run.version}-${run.name} (${run.databaseIdentifier})\n`)
  })

  if (runs.length === 0) stdout.write("No migrations to roll back\n")
}

export async function migrationStatus({configuration, source, stdout}: MigrationCommandArgs): Promise<void> {
  const rows = await new Migrator({configuration}).status(await source.findMigrations(), source.importMigration)
  // As wide as the longest identifier ("analytics" is longer than the header), so columns line up.
  const width = Math.max("Database".length, ...rows.map((row) => row.databaseIdentifier.length))
  const lines = [`${"Database".padEnd(width)}  Status  Migration ID    Migration Name`, "-".repeat(width + 48)]

  for (const row of rows) {
    lines.push(`${row.databaseIdentifier.padEnd(width)}  ${row.status.padEnd(6)}  ${row.version}  ${row.hasFile ? row.name : "********** NO FILE **********"}`)
  }

  stdout.write(`${lines.join("\n")}\n`)
}

/** `--step` as given on the command line: a whole number of 1 or more, else an error message. */
export function parseStep(value: unknown): number | string {
  const step = value === undefined ? 1 : Number(value)

  if (!Number.isInteger(step) || step < 1) return `--step must be a whole number of 1 or more, got ${JSON.stringify(value)}`

  return step
}
