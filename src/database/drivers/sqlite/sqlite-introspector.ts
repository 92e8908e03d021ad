import {parseDefaultLiteral} from "../base/default-values.js"
import type {ColumnInfo, ForeignKeyInfo, IndexInfo, Introspector} from "../base/introspection-types.js"
import type {Queryable} from "../base/queryable.js"

/** Declared SQLite type → logical type; SQLite keeps the declared text verbatim, so this is exact for DSL-made tables. */
export function normalizeSqliteType(declared: string): {type: string, limit?: number} {
  const type = declared.toLowerCase().trim()
  const varchar = /^(?:varchar|character varying)(?:\((\d+)\))?$/.exec(type)

  if (varchar) return {type: "string", limit: varchar[1] ? Number(varchar[1]) : undefined}
  if (type === "char(36)" || type === "uuid") return {type: "uuid"}
  if (type === "int" || type === "integer") return {type: "integer"}
  if (type === "timestamp" || type === "datetime") return {type: "datetime"}
  if (["bigint", "tinyint", "boolean", "text", "blob", "json"].includes(type)) return {type}

  return {type}
}

interface TableInfoRow { name: string, type: string, notnull: number, dflt_value: string | null, pk: number }
interface IndexListRow { name: string, unique: number, origin: string }
interface ForeignKeyRow { id: number, table: string, from: string, to: string | null, on_update: string, on_delete: string }

export class SqliteIntrospector implements Introspector {
  private db: Queryable

  constructor(db: Queryable) {
    this.db = db
  }

  async tables(): Promise<string[]> {
    const rows = await this.db.query<{name: string}>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")

    return rows.map((row) => row.name)
  }

  async tableExists(table: string): Promise<boolean> {
    const rows = await this.db.query("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [table])

    return rows.length > 0
  }

  async createTableSql(table: string): Promise<string> {
    const rows = await this.db.query<{sql: string}>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])

    return rows[0]?.sql || ""
  }

  async columns(table: string): Promise<ColumnInfo[]> {
    const rows = await this.db.query<TableInfoRow>("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", [table])
    const primaryKeyCount = rows.filter((row) => row.pk > 0).length

    return rows.map((row) => {
      const {type, limit} = normalizeSqliteType(row.type)
      // A lone INTEGER PRIMARY KEY is the rowid: SQLite assigns it with or without AUTOINCREMENT.
      const rowidAlias = row.pk > 0 && primaryKeyCount === 1 && row.type.toLowerCase() === "integer"
      const column: ColumnInfo = {
        name: row.name,
        type,
        sqlType: row.type,
        null: row.notnull === 0 && row.pk === 0,
        defaultSql: row.dflt_value,
        primaryKey: row.pk > 0,
        autoIncrement: rowidAlias
      }

      if (limit !== undefined) column.limit = limit

      const literal = parseDefaultLiteral(row.dflt_value, type)

      if ("value" in literal) column.default = literal.value

      return column
    })
  }

  /** Primary key columns in key order (table_info's pk is the 1-based position in the key). */
  async primaryKey(table: string): Promise<string[]> {
    const rows = await this.db.query<TableInfoRow>("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [table])

    return rows.map((row) => row.name)
  }

  async indexes(table: string): Promise<IndexInfo[]> {
    const list = await this.db.query<IndexListRow>("SELECT name, \"unique\", origin FROM pragma_index_list(?) WHERE origin <> 'pk' ORDER BY name", [table])
    const indexes: IndexInfo[] = []

    for (const index of list) {
      const columns = await this.db.query<{name: string}>("SELECT name FROM pragma_index_info(?) ORDER BY seqno", [index.name])

      indexes.push({name: index.name, columns: columns.map((column) => column.name), unique: index.unique === 1})
    }

    return indexes
  }

  async foreignKeys(table: string): Promise<ForeignKeyInfo[]> {
    const rows = await this.db.query<ForeignKeyRow>("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY \"from\"", [table])
    const names = constraintNames(await this.createTableSql(table))

    return Promise.all(rows.map(async (row) => {
      const foreignKey: ForeignKeyInfo = {
        name: names.get(row.from) ?? null,
        column: row.from,
        referencedTable: row.table,
        // A bare REFERENCES "users" points at the parent's primary key.
        referencedColumn: row.to ?? (await this.primaryKey(row.table))[0] ?? "id"
      }

      if (row.on_delete !== "NO ACTION") foreignKey.onDelete = row.on_delete.toLowerCase()
      if (row.on_update !== "NO ACTION") foreignKey.onUpdate = row.on_update.toLowerCase()

      return foreignKey
    }))
  }
}

/** SQLite reports no constraint names, so they are read from the CREATE TABLE text (`CONSTRAINT "x" FOREIGN KEY ("col")`). */
function constraintNames(createSql: string): Map<string, string> {
  const names = new Map<string, string>()
  const pattern = /CONSTRAINT\s+(?:"((?:[^"]|"")+)"|`([^`]+)`|(\w+))\s+FOREIGN\s+KEY\s*\(\s*(?:"((?:[^"]|"")+)"|`([^`]+)`|(\w+))\s*\)/gi

  for (const match of createSql.matchAll(pattern)) {
    const name = (match[1] ?? match[2] ?? match[3]).replaceAll("\"\"", "\"")
    const column = (match[4] ?? match[5] ?? match[6]).replaceAll("\"\"", "\"")

    names.set(column, name)
  }

  return names
}
