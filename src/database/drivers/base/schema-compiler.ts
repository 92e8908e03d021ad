import type {ColumnDefinition, ForeignKeyDefinition, IndexDefinition} from "../../migration/column-definition.js"
import type TableDefinition from "../../migration/table-definition.js"
import type {DatabaseAdapter} from "./adapter.js"
import {checkColumnType, type ColumnTypeMap} from "./column-types.js"
import {DatabaseError} from "./errors.js"
import type {QueryCompiler} from "./query-compiler.js"

export class IdentifierTooLongError extends DatabaseError {
  override name = "IdentifierTooLongError"
}

/**
 * Schema DSL → DDL statements. The shared spelling lives here; a dialect overrides its type map,
 * its primary key spelling and the few statements it words differently.
 */
export abstract class SchemaCompiler {
  abstract readonly typeMap: ColumnTypeMap
  protected compiler: QueryCompiler
  protected adapter: DatabaseAdapter

  constructor(compiler: QueryCompiler, adapter: DatabaseAdapter) {
    this.compiler = compiler
    this.adapter = adapter
  }

  protected q(name: string): string {
    return this.compiler.quoteIdentifier(name)
  }

  columnType(column: ColumnDefinition): string {
    checkColumnType(column.type, column.name)

    return this.typeMap[column.type](column.options.limit)
  }

  /** `"name" type [PRIMARY KEY ...] [NOT NULL] [DEFAULT x]`, one order on every dialect so dumps read alike. */
  columnSql(column: ColumnDefinition): string {
    const parts = [this.q(column.name), this.columnType(column)]
    const {options} = column

    if (options.primaryKey) parts.push(this.primaryKeySql(column))
    if (options.null === false || options.primaryKey) parts.push("NOT NULL")
    if (options.default !== undefined) parts.push(`DEFAULT ${this.defaultSql(column)}`)
    else if (options.primaryKey && column.type === "uuid" && this.uuidDefaultSql()) parts.push(`DEFAULT ${this.uuidDefaultSql()}`)

    return parts.join(" ")
  }

  protected primaryKeySql(_column: ColumnDefinition): string {
    return "PRIMARY KEY"
  }

  /** The database-side generator for uuid primary keys, or undefined where records generate them. */
  protected uuidDefaultSql(): string | undefined {
    return undefined
  }

  defaultSql(column: ColumnDefinition): string {
    const value = column.options.default

    if (typeof value === "function") return value()
    // A json column's default is JSON text, as its values are (attribute-casting.ts): a string
    // default is a JSON string, not bare text the column would fail to parse.
    if (column.type === "json" && value !== null) return this.compiler.quoteLiteral(JSON.stringify(value))
    if (typeof value === "boolean") return this.booleanLiteral(value)

    return this.compiler.quoteLiteral(value)
  }

  protected booleanLiteral(value: boolean): string {
    return value ? "1" : "0"
  }

  foreignKeySql(table: string, foreignKey: ForeignKeyDefinition): string {
    let sql = `CONSTRAINT ${this.q(this.foreignKeyName(table, foreignKey))} FOREIGN KEY (${this.q(foreignKey.column)}) ` +
      `REFERENCES ${this.q(foreignKey.referencedTable)} (${this.q(foreignKey.referencedColumn)})`

    if (foreignKey.onDelete) sql += ` ON DELETE ${foreignKey.onDelete.toUpperCase()}`
    if (foreignKey.onUpdate) sql += ` ON UPDATE ${foreignKey.onUpdate.toUpperCase()}`

    return sql
  }

  createTable(definition: TableDefinition): string[] {
    const lines = definition.columns.map((column) => this.columnSql(column))

    for (const foreignKey of definition.foreignKeys) lines.push(this.foreignKeySql(definition.name, foreignKey))

    const createTable = `CREATE TABLE ${this.q(definition.name)} (\n  ${lines.join(",\n  ")}\n)`

    return [createTable, ...definition.indexes.map((index) => this.addIndex(definition.name, index))]
  }

  addColumn(table: string, column: ColumnDefinition): string[] {
    const statements = [`ALTER TABLE ${this.q(table)} ADD COLUMN ${this.columnSql(column)}`]

    if (column.options.index || column.options.unique) {
      const indexOptions = typeof column.options.index === "object" ? column.options.index : {}

      statements.push(this.addIndex(table, {columns: [column.name], unique: Boolean(column.options.unique || indexOptions.unique), name: indexOptions.name}))
    }

    return statements
  }

  removeColumn(table: string, column: string): string[] {
    return [`ALTER TABLE ${this.q(table)} DROP COLUMN ${this.q(column)}`]
  }

  renameColumn(table: string, from: string, to: string): string[] {
    return [`ALTER TABLE ${this.q(table)} RENAME COLUMN ${this.q(from)} TO ${this.q(to)}`]
  }

  /** Replaces the column's whole definition (type, null, default), as Rails' change_column does. */
  abstract changeColumn(table: string, column: ColumnDefinition): string[]

  renameTable(from: string, to: string): string[] {
    return [`ALTER TABLE ${this.q(from)} RENAME TO ${this.q(to)}`]
  }

  addIndex(table: string, index: IndexDefinition): string {
    const name = index.name || this.indexName(table, index.columns)

    return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${this.q(name)} ON ${this.q(table)} (${index.columns.map((column) => this.q(column)).join(", ")})`
  }

  removeIndex(_table: string, name: string): string[] {
    return [`DROP INDEX ${this.q(name)}`]
  }

  addForeignKey(table: string, foreignKey: ForeignKeyDefinition): string[] {
    return [`ALTER TABLE ${this.q(table)} ADD ${this.foreignKeySql(table, foreignKey)}`]
  }

  removeForeignKey(table: string, name: string): string[] {
    return [`ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`]
  }

  dropTable(table: string, options: {ifExists?: boolean} = {}): string[] {
    return [`DROP TABLE ${options.ifExists ? "IF EXISTS " : ""}${this.q(table)}`]
  }

  indexName(table: string, columns: string[]): string {
    return this.checkedName(`index_${table}_on_${columns.join("_and_")}`, "Index", "name")
  }

  foreignKeyName(table: string, foreignKey: ForeignKeyDefinition): string {
    return foreignKey.name || this.checkedName(`fk_${table}_${foreignKey.column}`, "Foreign key", "name")
  }

  protected checkedName(name: string, what: string, option: string): string {
    if (name.length > this.adapter.maxIdentifierLength) {
      throw new IdentifierTooLongError(`${what} name '${name}' is too long; the limit is ${this.adapter.maxIdentifierLength} characters on ${this.adapter.dialect}. Pass a shorter one with {${option}: "..."}`)
    }

    return name
  }
}
