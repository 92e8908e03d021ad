import type {ColumnTypeMap} from "../base/column-types.js"
import {defaultStringLimit} from "../base/column-types.js"
import {SchemaCompiler} from "../base/schema-compiler.js"
import {sizedLobType} from "./mysql-lob-sizes.js"
import type {ColumnDefinition} from "../../migration/column-definition.js"
import type TableDefinition from "../../migration/table-definition.js"

/**
 * uuid is CHAR(36) (MySQL has no uuid type), boolean TINYINT(1), datetime keeps milliseconds,
 * text and blob take their size from `limit` (mysql-lob-sizes.ts).
 * Indexes go inside CREATE TABLE: a foreign key there otherwise makes MySQL add its own
 * index, which would then sit beside ours.
 */
export class MysqlSchemaCompiler extends SchemaCompiler {
  readonly typeMap: ColumnTypeMap = {
    bigint: () => "bigint",
    blob: (limit) => sizedLobType("blob", limit),
    boolean: () => "tinyint(1)",
    datetime: () => "datetime(3)",
    integer: () => "int",
    json: () => "json",
    string: (limit) => `varchar(${limit ?? defaultStringLimit})`,
    text: (limit) => sizedLobType("text", limit),
    tinyint: () => "tinyint",
    uuid: () => "char(36)"
  }

  protected override primaryKeySql(column: ColumnDefinition): string {
    return column.options.autoIncrement ? "AUTO_INCREMENT PRIMARY KEY" : "PRIMARY KEY"
  }

  protected override uuidDefaultSql(): string {
    return "(uuid())"
  }

  override createTable(definition: TableDefinition): string[] {
    const lines = definition.columns.map((column) => this.columnSql(column))

    for (const index of definition.indexes) {
      const name = index.name || this.indexName(definition.name, index.columns)

      lines.push(`${index.unique ? "UNIQUE " : ""}KEY ${this.q(name)} (${index.columns.map((column) => this.q(column)).join(", ")})`)
    }

    for (const foreignKey of definition.foreignKeys) lines.push(this.foreignKeySql(definition.name, foreignKey))

    return [`CREATE TABLE ${this.q(definition.name)} (\n  ${lines.join(",\n  ")}\n)`]
  }

  changeColumn(table: string, column: ColumnDefinition): string[] {
    return [`ALTER TABLE ${this.q(table)} MODIFY COLUMN ${this.columnSql(column)}`]
  }

  override renameTable(from: string, to: string): string[] {
    return [`RENAME TABLE ${this.q(from)} TO ${this.q(to)}`]
  }

  override removeIndex(table: string, name: string): string[] {
    return [`DROP INDEX ${this.q(name)} ON ${this.q(table)}`]
  }

  override removeForeignKey(table: string, name: string): string[] {
    return [`ALTER TABLE ${this.q(table)} DROP FOREIGN KEY ${this.q(name)}`]
  }
}
