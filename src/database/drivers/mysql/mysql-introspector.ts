import {parseDefaultLiteral} from "../base/default-values.js"
import type {ColumnInfo, ForeignKeyInfo, IndexInfo, Introspector} from "../base/introspection-types.js"
import type {Queryable} from "../base/queryable.js"
import {compare} from "../base/compare.js"
import {lobLimitOf} from "./mysql-lob-sizes.js"

export function normalizeMysqlType(sqlType: string, isJson: boolean): {type: string, limit?: number} {
  const type = sqlType.toLowerCase()
  const varchar = /^varchar\((\d+)\)$/.exec(type)

  if (varchar) return {type: "string", limit: Number(varchar[1])}
  if (isJson || type === "json") return {type: "json"}
  if (type === "tinyint(1)") return {type: "boolean"}
  if (type === "char(36)" || type === "uuid") return {type: "uuid"}
  if (/^tinyint\b/.test(type)) return {type: "tinyint"}
  if (/^bigint\b/.test(type)) return {type: "bigint"}
  if (/^int\b/.test(type)) return {type: "integer"}
  if (/^(datetime|timestamp)\b/.test(type)) return {type: "datetime"}
  const lob = /^(?:tiny|medium|long)?(text|blob)$/.exec(type)

  // MEDIUMTEXT reads back as text with the limit that makes it again (see mysql-lob-sizes.ts).
  if (lob) {
    const limit = lobLimitOf(type)

    return limit === undefined ? {type: lob[1]} : {type: lob[1], limit}
  }

  return {type}
}

interface ColumnRow { name: string, sql_type: string, nullable: string, default_sql: string | null, column_key: string, extra: string }

/** Reads information_schema for the connection's current database. */
export class MysqlIntrospector implements Introspector {
  private db: Queryable
  private mariadb: () => boolean

  constructor(db: Queryable, mariadb: () => boolean) {
    this.db = db
    this.mariadb = mariadb
  }

  async tables(): Promise<string[]> {
    const rows = await this.db.query<{name: string}>("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")

    return rows.map((row) => row.name).sort(compare)
  }

  async tableExists(table: string): Promise<boolean> {
    const rows = await this.db.query("SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME = ?", [table])

    return rows.length > 0
  }

  async columns(table: string): Promise<ColumnInfo[]> {
    const rows = await this.db.query<ColumnRow>(
      "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS sql_type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS default_sql, " +
      "COLUMN_KEY AS column_key, EXTRA AS extra FROM information_schema.COLUMNS " +
      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
      [table]
    )
    const jsonColumns = await this.mariadbJsonColumns(table)

    return rows.map((row) => {
      const {type, limit} = normalizeMysqlType(row.sql_type, jsonColumns.has(row.name))
      const defaultSql = this.defaultSql(row)
      const column: ColumnInfo = {
        name: row.name,
        type,
        sqlType: row.sql_type,
        null: row.nullable === "YES",
        defaultSql,
        primaryKey: row.column_key === "PRI",
        autoIncrement: /auto_increment/i.test(row.extra)
      }

      if (limit !== undefined) column.limit = limit

      const literal = parseDefaultLiteral(defaultSql, type)

      if ("value" in literal) column.default = literal.value

      return column
    })
  }

  /** MariaDB quotes literal defaults and spells "no default" as the text NULL; MySQL gives the bare value. */
  private defaultSql(row: ColumnRow): string | null {
    const value = row.default_sql

    if (value === null || (this.mariadb() && value === "NULL")) return null
    if (this.mariadb() || /DEFAULT_GENERATED/i.test(row.extra)) return value

    return `'${value.replaceAll("'", "''")}'`
  }

  /** MariaDB's JSON is LONGTEXT plus a json_valid() check, so the check is what marks the column. */
  private async mariadbJsonColumns(table: string): Promise<Set<string>> {
    if (!this.mariadb()) return new Set()

    const rows = await this.db.query<{clause: string}>(
      "SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?",
      [table]
    )
    const columns = new Set<string>()

    for (const row of rows) {
      const match = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(row.clause.trim())

      if (match) columns.add(match[1].replaceAll("``", "`"))
    }

    return columns
  }

  async indexes(table: string): Promise<IndexInfo[]> {
    const rows = await this.db.query<{name: string, non_unique: number | string, column_name: string}>(
      "SELECT INDEX_NAME AS name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name FROM information_schema.STATISTICS " +
      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX",
      [table]
    )
    const byName = new Map<string, IndexInfo>()

    for (const row of rows) {
      let index = byName.get(row.name)

      if (!index) {
        index = {name: row.name, columns: [], unique: Number(row.non_unique) === 0}
        byName.set(row.name, index)
      }

      index.columns.push(row.column_name)
    }

    return [...byName.values()].sort((a, b) => compare(a.name, b.name))
  }

  async foreignKeys(table: string): Promise<ForeignKeyInfo[]> {
    const rows = await this.db.query<{name: string, column_name: string, referenced_table: string, referenced_column: string, on_delete: string, on_update: string}>(
      "SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS column_name, k.REFERENCED_TABLE_NAME AS referenced_table, " +
      "k.REFERENCED_COLUMN_NAME AS referenced_column, r.DELETE_RULE AS on_delete, r.UPDATE_RULE AS on_update " +
      "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r " +
      "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME " +
      "WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL AND k.ORDINAL_POSITION = 1",
      [table]
    )

    return rows.map((row) => {
      const foreignKey: ForeignKeyInfo = {name: row.name, column: row.column_name, referencedTable: row.referenced_table, referencedColumn: row.referenced_column}

      // RESTRICT and NO ACTION behave the same here and are what MySQL/MariaDB report when none was given.
      if (!["RESTRICT", "NO ACTION"].includes(row.on_delete)) foreignKey.onDelete = row.on_delete.toLowerCase()
      if (!["RESTRICT", "NO ACTION"].includes(row.on_update)) foreignKey.onUpdate = row.on_update.toLowerCase()

      return foreignKey
    }).sort((a, b) => compare(a.column, b.column) || compare(a.name || "", b.name || ""))
  }
}
