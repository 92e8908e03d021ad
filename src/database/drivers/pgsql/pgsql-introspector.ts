import {parseDefaultLiteral} from "../base/default-values.js"
import type {ColumnInfo, ForeignKeyInfo, IndexInfo, Introspector} from "../base/introspection-types.js"
import type {Queryable} from "../base/queryable.js"
import {compare} from "../base/compare.js"

export function normalizePgsqlType(sqlType: string): {type: string, limit?: number} {
  const varchar = /^character varying(?:\((\d+)\))?$/.exec(sqlType)

  if (varchar) return {type: "string", limit: varchar[1] ? Number(varchar[1]) : undefined}
  if (/^timestamp(\(\d\))? with(out)? time zone$/.test(sqlType)) return {type: "datetime"}

  const known: Record<string, string> = {
    bigint: "bigint", integer: "integer", smallint: "tinyint", boolean: "boolean", text: "text",
    bytea: "blob", uuid: "uuid", json: "json", jsonb: "json"
  }

  return {type: known[sqlType] ?? sqlType}
}

export const referentialActions: Record<string, string | undefined> = {a: undefined, r: "restrict", c: "cascade", n: "set null", d: "set default"}

const tableFilter = "t.relname = ? AND n.nspname = current_schema()"

interface ColumnRow { name: string, sql_type: string, not_null: boolean, default_sql: string | null, identity: string, primary_key: boolean }

/** Reads the catalog of the first schema on search_path (`current_schema()`), the one the app's tables live in. */
export class PgsqlIntrospector implements Introspector {
  private db: Queryable

  constructor(db: Queryable) {
    this.db = db
  }

  async tables(): Promise<string[]> {
    const rows = await this.db.query<{name: string}>(
      "SELECT t.relname AS name FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND n.nspname = current_schema()"
    )

    return rows.map((row) => row.name).sort(compare)
  }

  async tableExists(table: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 AS found FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND ${tableFilter}`,
      [table]
    )

    return rows.length > 0
  }

  async columns(table: string): Promise<ColumnInfo[]> {
    const rows = await this.db.query<ColumnRow>(
      "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS sql_type, a.attnotnull AS not_null, " +
      "pg_get_expr(d.adbin, d.adrelid) AS default_sql, a.attidentity AS identity, " +
      "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS primary_key " +
      "FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace " +
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
      `WHERE a.attnum > 0 AND NOT a.attisdropped AND ${tableFilter} ORDER BY a.attnum`,
      [table]
    )

    return rows.map((row) => {
      const {type, limit} = normalizePgsqlType(row.sql_type)
      const column: ColumnInfo = {
        name: row.name,
        type,
        sqlType: row.sql_type,
        null: !row.not_null,
        defaultSql: row.default_sql,
        primaryKey: row.primary_key,
        autoIncrement: row.identity !== "" || /^nextval\(/.test(row.default_sql || "")
      }

      if (limit !== undefined) column.limit = limit

      const literal = parseDefaultLiteral(row.default_sql, type)

      if ("value" in literal) column.default = literal.value

      return column
    })
  }

  async indexes(table: string): Promise<IndexInfo[]> {
    const rows = await this.db.query<{name: string, unique: boolean, columns: string[]}>(
      "SELECT ic.relname AS name, i.indisunique AS unique, " +
      "ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position) " +
      "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.position) AS columns " +
      "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid " +
      `JOIN pg_namespace n ON n.oid = t.relnamespace WHERE NOT i.indisprimary AND ${tableFilter}`,
      [table]
    )

    return rows.map((row) => ({name: row.name, columns: row.columns, unique: row.unique})).sort((a, b) => compare(a.name, b.name))
  }

  async foreignKeys(table: string): Promise<ForeignKeyInfo[]> {
    const rows = await this.db.query<{name: string, column: string, referenced_table: string, referenced_column: string, on_delete: string, on_update: string}>(
      "SELECT c.conname AS name, a.attname::text AS column, rt.relname AS referenced_table, ra.attname::text AS referenced_column, " +
      "c.confdeltype AS on_delete, c.confupdtype AS on_update " +
      "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace " +
      "JOIN pg_class rt ON rt.oid = c.confrelid " +
      "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] " +
      "JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] " +
      `WHERE c.contype = 'f' AND ${tableFilter}`,
      [table]
    )

    return rows.map((row) => {
      const foreignKey: ForeignKeyInfo = {name: row.name, column: row.column, referencedTable: row.referenced_table, referencedColumn: row.referenced_column}
      const onDelete = referentialActions[row.on_delete]
      const onUpdate = referentialActions[row.on_update]

      if (onDelete) foreignKey.onDelete = onDelete
      if (onUpdate) foreignKey.onUpdate = onUpdate

      return foreignKey
    }).sort((a, b) => compare(a.column, b.column) || compare(a.name || "", b.name || ""))
  }
}
