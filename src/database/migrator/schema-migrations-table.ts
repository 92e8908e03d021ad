import type BaseDriver from "../drivers/base/base-driver.js"
import SchemaStatements from "../migration/schema-statements.js"

export const schemaMigrationsTable = "schema_migrations"

/** The versions of the migrations that have run, one row each, as in Rails. */
export async function ensureSchemaMigrationsTable(db: BaseDriver): Promise<void> {
  const schema = new SchemaStatements(db)

  if (await schema.tableExists(schemaMigrationsTable)) return

  await schema.createTable(schemaMigrationsTable, {id: false}, (table) => {
    table.string("version", {null: false, primaryKey: true, limit: 14})
  })
}

export async function appliedVersions(db: BaseDriver): Promise<Set<string>> {
  const rows = await db.query<{version: string}>(`SELECT ${db.quoteIdentifier("version")} FROM ${db.quoteIdentifier(schemaMigrationsTable)}`)

  return new Set(rows.map((row) => String(row.version)))
}

export async function recordVersion(db: BaseDriver, version: string): Promise<void> {
  await db.execute(`INSERT INTO ${db.quoteIdentifier(schemaMigrationsTable)} (${db.quoteIdentifier("version")}) VALUES (?)`, [version])
}

export async function forgetVersion(db: BaseDriver, version: string): Promise<void> {
  await db.execute(`DELETE FROM ${db.quoteIdentifier(schemaMigrationsTable)} WHERE ${db.quoteIdentifier("version")} = ?`, [version])
}
