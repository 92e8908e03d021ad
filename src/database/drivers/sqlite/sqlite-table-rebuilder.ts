import {DatabaseError} from "../base/errors.js"
import type {ColumnInfo} from "../base/introspection-types.js"
import type {Queryable} from "../base/queryable.js"
import type {TableRebuild} from "../base/table-rebuild.js"
import type {SqliteIntrospector} from "./sqlite-introspector.js"

export class TableRebuildError extends DatabaseError {
  override name = "TableRebuildError"
}

interface RebuildContext {
  db: Queryable
  introspector: SqliteIntrospector
  inTransaction: boolean
}

/**
 * SQLite's documented way to alter a table: create the new shape, copy the rows, drop the old
 * table, rename the new one into place, recreate indexes — all in one transaction.
 *
 * Dropping the old table must not fire ON DELETE actions in tables that reference it, so
 * foreign key enforcement is switched off around the rebuild; SQLite ignores that switch
 * inside a transaction, so a rebuild within one is refused when other tables reference the table.
 */
export async function rebuildSqliteTable(context: RebuildContext, table: string, change: (rebuild: TableRebuild) => void): Promise<void> {
  const {db, introspector} = context

  if (!(await introspector.tableExists(table))) throw new TableRebuildError(`Table "${table}" does not exist, so it cannot be altered; check the table name`)

  const rebuild = await currentShape(db, introspector, table)

  change(rebuild)

  const foreignKeysOn = (await db.query<{foreign_keys: number}>("PRAGMA foreign_keys"))[0]?.foreign_keys === 1

  if (context.inTransaction && foreignKeysOn) await refuseWhenReferenced(introspector, table)

  const legacyAlterTable = (await db.query<{legacy_alter_table: number}>("PRAGMA legacy_alter_table"))[0]?.legacy_alter_table === 1

  if (!context.inTransaction && foreignKeysOn) await db.execute("PRAGMA foreign_keys = OFF")
  // Keeps RENAME from rewriting or validating other tables' and views' references mid-rebuild.
  await db.execute("PRAGMA legacy_alter_table = ON")

  try {
    await db.transaction(async () => {
      await copyIntoNewShape(db, rebuild)

      const violations = await db.query("SELECT * FROM pragma_foreign_key_check(?)", [table])

      if (violations.length > 0) {
        throw new TableRebuildError(`Altering "${table}" would leave ${violations.length} row(s) violating a foreign key; fix or remove those rows first`)
      }
    })
  } finally {
    await db.execute(`PRAGMA legacy_alter_table = ${legacyAlterTable ? "ON" : "OFF"}`)
    if (!context.inTransaction && foreignKeysOn) await db.execute("PRAGMA foreign_keys = ON")
  }
}

async function currentShape(db: Queryable, introspector: SqliteIntrospector, table: string): Promise<TableRebuild> {
  const columns = await introspector.columns(table)
  const primaryKey = await introspector.primaryKey(table)
  const autoincrement = /\bAUTOINCREMENT\b/i.test(await introspector.createTableSql(table))
  const singleKey = primaryKey.length === 1

  return {
    table,
    columns: columns.map((column) => ({name: column.name, sql: existingColumnSql(db, column, singleKey, autoincrement), copyFrom: column.name})),
    compositePrimaryKey: primaryKey.length > 1 ? primaryKey : null,
    indexes: await introspector.indexes(table),
    foreignKeys: await introspector.foreignKeys(table)
  }
}

function existingColumnSql(db: Queryable, column: ColumnInfo, singleKey: boolean, autoincrement: boolean): string {
  const parts = [db.quoteIdentifier(column.name)]

  if (column.sqlType) parts.push(column.sqlType)
  if (column.primaryKey && singleKey) parts.push(column.autoIncrement && autoincrement ? "PRIMARY KEY AUTOINCREMENT" : "PRIMARY KEY")
  if (!column.null) parts.push("NOT NULL")
  if (column.defaultSql !== null) parts.push(`DEFAULT ${column.defaultSql}`)

  return parts.join(" ")
}

async function refuseWhenReferenced(introspector: SqliteIntrospector, table: string): Promise<void> {
  for (const other of await introspector.tables()) {
    if (other === table) continue

    const references = (await introspector.foreignKeys(other)).some((foreignKey) => foreignKey.referencedTable === table)

    if (references) {
      throw new TableRebuildError(
        `SQLite must rebuild "${table}" to alter it, but "${other}" references it and foreign keys cannot be switched off inside a transaction. ` +
        "Run this change outside a transaction (e.g. disable the migration's transaction)"
      )
    }
  }
}

async function copyIntoNewShape(db: Queryable, rebuild: TableRebuild): Promise<void> {
  const q = (name: string) => db.quoteIdentifier(name)
  const newTable = `${rebuild.table}_velocious_rebuild`
  const definitions = rebuild.columns.map((column) => column.sql)

  if (rebuild.compositePrimaryKey) definitions.push(`PRIMARY KEY (${rebuild.compositePrimaryKey.map(q).join(", ")})`)

  for (const foreignKey of rebuild.foreignKeys) {
    let sql = `${foreignKey.name ? `CONSTRAINT ${q(foreignKey.name)} ` : ""}FOREIGN KEY (${q(foreignKey.column)}) REFERENCES ${q(foreignKey.referencedTable)} (${q(foreignKey.referencedColumn)})`

    if (foreignKey.onDelete) sql += ` ON DELETE ${foreignKey.onDelete.toUpperCase()}`
    if (foreignKey.onUpdate) sql += ` ON UPDATE ${foreignKey.onUpdate.toUpperCase()}`

    definitions.push(sql)
  }

  await db.execute(`CREATE TABLE ${q(newTable)} (\n  ${definitions.join(",\n  ")}\n)`)

  const copied = rebuild.columns.filter((column) => column.copyFrom !== null)

  if (copied.length > 0) {
    await db.execute(
      `INSERT INTO ${q(newTable)} (${copied.map((column) => q(column.name)).join(", ")}) ` +
      `SELECT ${copied.map((column) => q(column.copyFrom as string)).join(", ")} FROM ${q(rebuild.table)}`
    )
  }

  await db.execute(`DROP TABLE ${q(rebuild.table)}`)
  await db.execute(`ALTER TABLE ${q(newTable)} RENAME TO ${q(rebuild.table)}`)

  // The old table's indexes were dropped with it.
  for (const index of rebuild.indexes) {
    await db.execute(`CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} ON ${q(rebuild.table)} (${index.columns.map(q).join(", ")})`)
  }
}
