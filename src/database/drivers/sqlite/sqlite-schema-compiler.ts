import type {ColumnTypeMap} from "../base/column-types.js"
import {defaultStringLimit} from "../base/column-types.js"
import {UnsupportedSchemaOperationError} from "../base/errors.js"
import {SchemaCompiler} from "../base/schema-compiler.js"
import type {ColumnDefinition} from "../../migration/column-definition.js"

/**
 * SQLite keeps declared type names verbatim and reads them back, so each logical type is
 * declared under a name that maps back to it (uuid as char(36), which also has TEXT affinity).
 */
export class SqliteSchemaCompiler extends SchemaCompiler {
  readonly typeMap: ColumnTypeMap = {
    bigint: () => "bigint",
    blob: () => "blob",
    boolean: () => "boolean",
    datetime: () => "datetime",
    integer: () => "integer",
    json: () => "json",
    string: (limit) => `varchar(${limit ?? defaultStringLimit})`,
    text: () => "text",
    tinyint: () => "tinyint",
    uuid: () => "char(36)"
  }

  override columnType(column: ColumnDefinition): string {
    // Only a column declared exactly INTEGER PRIMARY KEY becomes the auto-assigned rowid.
    if (column.options.primaryKey && column.options.autoIncrement) return "integer"

    return super.columnType(column)
  }

  protected override primaryKeySql(column: ColumnDefinition): string {
    return column.options.autoIncrement ? "PRIMARY KEY AUTOINCREMENT" : "PRIMARY KEY"
  }

  // SQLite has no uuid function, but a DEFAULT may be an expression: random hex shaped as a
  // version 4 UUID, so rows inserted by plain SQL get an id just as on PostgreSQL and MySQL.
  protected override uuidDefaultSql(): string {
    const hex = (bytes: number) => `lower(hex(randomblob(${bytes})))`

    return `(${hex(4)} || '-' || ${hex(2)} || '-4' || substr(${hex(2)}, 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(${hex(2)}, 2) || '-' || ${hex(6)})`
  }

  changeColumn(table: string): string[] {
    throw new UnsupportedSchemaOperationError(`SQLite cannot change ${table}'s columns in place; the schema statements rebuild the table instead`)
  }
}
