import type BaseDriver from "../drivers/base/base-driver.js"
import {checkColumnType} from "../drivers/base/column-types.js"
import {DatabaseError} from "../drivers/base/errors.js"
import type {ForeignKeyInfo} from "../drivers/base/introspection-types.js"
import type {TableRebuild} from "../drivers/base/table-rebuild.js"
import {checkKeys} from "../../utils/check-keys.js"
import {columnOptionKeys, type ColumnDefinition, type ColumnOptions, type ReferentialAction} from "./column-definition.js"
import {singularize} from "../../utils/inflection.js"
import TableDefinition, {type CreateTableOptions} from "./table-definition.js"

export class SchemaError extends DatabaseError {
  override name = "SchemaError"
}

export interface AddIndexOptions {
  unique?: boolean
  name?: string
}

export interface AddForeignKeyOptions {
  column?: string
  primaryKey?: string
  name?: string
  onDelete?: ReferentialAction
  onUpdate?: ReferentialAction
}

type TableBody = (table: TableDefinition) => void

/**
 * The schema-changing statements a migration calls, run through the driver's dialect
 * compiler. Where the dialect cannot alter in place (SQLite), the change is applied to a
 * table rebuild instead.
 */
export default class SchemaStatements {
  readonly driver: BaseDriver

  constructor(driver: BaseDriver) {
    this.driver = driver
  }

  private get compiler() {
    return this.driver.getSchemaCompiler()
  }

  private async run(statements: string[]): Promise<void> {
    for (const statement of statements) await this.driver.execute(statement)
  }

  async createTable(name: string, optionsOrBody: CreateTableOptions | TableBody, maybeBody?: TableBody): Promise<void> {
    const options = typeof optionsOrBody === "function" ? {} : optionsOrBody
    const body = typeof optionsOrBody === "function" ? optionsOrBody : maybeBody
    const definition = new TableDefinition(name, options)

    body?.(definition)
    await this.run(this.compiler.createTable(definition))
  }

  async dropTable(name: string, options: {ifExists?: boolean} = {}): Promise<void> {
    checkKeys(options, ["ifExists"], `dropTable("${name}")`)
    await this.run(this.compiler.dropTable(name, options))
  }

  async renameTable(from: string, to: string): Promise<void> {
    await this.run(this.compiler.renameTable(from, to))
  }

  async addColumn(table: string, name: string, type: string, options: ColumnOptions = {}): Promise<void> {
    const column = this.columnDefinition(name, type, options)
    const needsRebuild = !this.driver.getAdapter().supportsAlterColumn && options.null === false && options.default === undefined

    if (!needsRebuild) return await this.run(this.compiler.addColumn(table, column))

    // SQLite refuses ADD COLUMN ... NOT NULL without a default, even on an empty table.
    await this.driver.rebuildTable(table, (rebuild) => {
      rebuild.columns.push({name, sql: this.compiler.columnSql(column), copyFrom: null})
    })

    const indexStatements = this.compiler.addColumn(table, column).slice(1)

    await this.run(indexStatements)
  }

  async removeColumn(table: string, name: string): Promise<void> {
    if (this.driver.getAdapter().supportsAlterColumn) return await this.run(this.compiler.removeColumn(table, name))

    await this.driver.rebuildTable(table, (rebuild) => {
      this.findColumn(rebuild, name)
      rebuild.columns = rebuild.columns.filter((column) => column.name !== name)
      // Like Rails on SQLite: indexes and foreign keys on the removed column go with it.
      rebuild.indexes = rebuild.indexes.filter((index) => !index.columns.includes(name))
      rebuild.foreignKeys = rebuild.foreignKeys.filter((foreignKey) => foreignKey.column !== name)
    })
  }

  async renameColumn(table: string, from: string, to: string): Promise<void> {
    await this.run(this.compiler.renameColumn(table, from, to))
  }

  /** Replaces the column's type, null and default, as Rails' change_column does. */
  async changeColumn(table: string, name: string, type: string, options: ColumnOptions = {}): Promise<void> {
    const column = this.columnDefinition(name, type, options)

    if (options.index || options.unique) throw new SchemaError(`changeColumn does not add indexes; call addIndex("${table}", ["${name}"]) instead`)
    if (this.driver.getAdapter().supportsAlterColumn) return await this.run(this.compiler.changeColumn(table, column))

    await this.driver.rebuildTable(table, (rebuild) => {
      this.findColumn(rebuild, name).sql = this.compiler.columnSql(column)
    })
  }

  async addIndex(table: string, columns: string | string[], options: AddIndexOptions = {}): Promise<void> {
    checkKeys(options, ["unique", "name"], `addIndex("${table}")`)

    const list = Array.isArray(columns) ? columns : [columns]

    await this.run([this.compiler.addIndex(table, {columns: list, unique: Boolean(options.unique), name: options.name})])
  }

  /** By name (`{name}`) or by the columns it was added with. */
  async removeIndex(table: string, columnsOrOptions: string | string[] | {name?: string, column?: string | string[]}): Promise<void> {
    let name: string

    if (typeof columnsOrOptions === "object" && !Array.isArray(columnsOrOptions)) {
      checkKeys(columnsOrOptions, ["name", "column"], `removeIndex("${table}")`)

      if (columnsOrOptions.name) {
        name = columnsOrOptions.name
      } else if (columnsOrOptions.column) {
        name = await this.indexNameFor(table, columnsOrOptions.column)
      } else {
        throw new SchemaError(`removeIndex("${table}") needs the index's columns or {name: "..."}`)
      }
    } else {
      name = await this.indexNameFor(table, columnsOrOptions)
    }

    await this.run(this.compiler.removeIndex(table, name))
  }

  /** `addForeignKey("articles", "authors")` → articles.author_id references authors.id. */
  async addForeignKey(table: string, referencedTable: string, options: AddForeignKeyOptions = {}): Promise<void> {
    checkKeys(options, ["column", "primaryKey", "name", "onDelete", "onUpdate"], `addForeignKey("${table}", "${referencedTable}")`)

    const foreignKey = {
      column: options.column || `${singularize(referencedTable)}_id`,
      referencedTable,
      referencedColumn: options.primaryKey || "id",
      name: options.name,
      onDelete: options.onDelete,
      onUpdate: options.onUpdate
    }

    if (this.driver.getAdapter().supportsAlterColumn) return await this.run(this.compiler.addForeignKey(table, foreignKey))

    const info: ForeignKeyInfo = {...foreignKey, name: this.compiler.foreignKeyName(table, foreignKey)}

    await this.driver.rebuildTable(table, (rebuild) => {
      this.findColumn(rebuild, foreignKey.column)
      rebuild.foreignKeys.push(info)
    })
  }

  async tableExists(table: string): Promise<boolean> {
    return await this.driver.getIntrospector().tableExists(table)
  }

  async columnExists(table: string, column: string): Promise<boolean> {
    return (await this.driver.getIntrospector().columns(table)).some((each) => each.name === column)
  }

  private columnDefinition(name: string, type: string, options: ColumnOptions): ColumnDefinition {
    checkColumnType(type, name)
    checkKeys(options, columnOptionKeys, `column "${name}"`)

    return {name, type, options}
  }

  private findColumn(rebuild: TableRebuild, name: string) {
    const column = rebuild.columns.find((each) => each.name === name)

    if (!column) throw new SchemaError(`Table "${rebuild.table}" has no column "${name}"; columns: ${rebuild.columns.map((each) => each.name).join(", ")}`)

    return column
  }

  private async indexNameFor(table: string, columns: string | string[]): Promise<string> {
    const list = Array.isArray(columns) ? columns : [columns]
    const indexes = await this.driver.getIntrospector().indexes(table)
    const index = indexes.find((each) => each.columns.join(",") === list.join(","))

    if (!index) throw new SchemaError(`Table "${table}" has no index on (${list.join(", ")}); its indexes: ${indexes.map((each) => each.name).join(", ") || "none"}`)

    return index.name
  }
}
