import type Configuration from "../configuration.js"
import type BaseDriver from "./drivers/base/base-driver.js"
import {appliedVersions, schemaMigrationsTable} from "./migrator/schema-migrations-table.js"

/** `db/structure-<identifier>.sql`, relative to the app directory. */
export function structureSqlPath(identifier: string): string {
  return `db/structure-${identifier}.sql`
}

export function structureSqlEnabled(configuration: Configuration): boolean {
  const disabled = configuration.options.structureSql?.disabledEnvironments || []

  return !disabled.includes(configuration.getEnvironment())
}

/**
 * The schema followed by the versions already run (as Rails' structure.sql does), so loading
 * the file gives a database that `db:migrate` considers up to date. Same schema, same bytes.
 */
export async function structureSql(db: BaseDriver): Promise<string> {
  const schema = await db.getStructureDumper().dump()
  const versions = await db.getIntrospector().tableExists(schemaMigrationsTable) ? [...await appliedVersions(db)].sort() : []

  if (versions.length === 0) return schema

  const insert = `INSERT INTO ${db.quoteIdentifier(schemaMigrationsTable)} (${db.quoteIdentifier("version")}) VALUES\n${versions.map((version) => `('${version.replace(/[^0-9]/g, "")}')`).join(",\n")};\n`

  return `${schema.trimEnd()}\n\n${insert}`
}
