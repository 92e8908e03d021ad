import {checkColumnType, type ColumnType} from "../drivers/base/column-types.js"
import {checkKeys} from "../../utils/check-keys.js"
import {columnOptionKeys, type ColumnDefinition, type ColumnOptions, type ForeignKeyDefinition, type IndexDefinition, type IndexOptions, type ReferentialAction} from "./column-definition.js"
import {pluralize} from "./pluralize.js"

export interface CreateTableOptions {
  /** `false` for no primary key; `{type: "uuid"}` for a uuid key. Default: bigint auto-increment `id`. */
  id?: false | {type?: ColumnType, name?: string}
}

export interface ReferenceForeignKeyOptions {
  toTable?: string
  column?: string
  name?: string
  onDelete?: ReferentialAction
  onUpdate?: ReferentialAction
}

export interface ReferenceOptions {
  foreignKey?: boolean | ReferenceForeignKeyOptions
  null?: boolean
  index?: boolean | IndexOptions
  type?: ColumnType
  default?: ColumnOptions["default"]
}

/** What `createTable(name, (t) => ...)` collects; the dialect's schema compiler turns it into DDL. */
export default class TableDefinition {
  readonly name: string
  readonly columns: ColumnDefinition[] = []
  readonly indexes: IndexDefinition[] = []
  readonly foreignKeys: ForeignKeyDefinition[] = []

  constructor(name: string, options: CreateTableOptions = {}) {
    checkKeys(options, ["id"], `createTable("${name}")`)
    this.name = name

    if (options.id !== false) {
      const id = options.id || {}

      checkKeys(id, ["type", "name"], `createTable("${name}") id option`)

      const type = id.type || "bigint"

      this.column(id.name || "id", type, {primaryKey: true, null: false, autoIncrement: type === "bigint" || type === "integer"})
    }
  }

  column(name: string, type: string, options: ColumnOptions = {}): this {
    checkColumnType(type, name)
    checkKeys(options, columnOptionKeys, `column "${name}"`)

    if (this.columns.some((column) => column.name === name)) {
      throw new Error(`Column "${name}" is defined twice in createTable("${this.name}"); remove one of them`)
    }

    this.columns.push({name, type, options})

    if (options.index || options.unique) {
      const indexOptions = typeof options.index === "object" ? options.index : {}

      this.indexes.push({columns: [name], unique: Boolean(options.unique || indexOptions.unique), name: indexOptions.name})
    }

    return this
  }

  bigint(name: string, options?: ColumnOptions) { return this.column(name, "bigint", options) }
  blob(name: string, options?: ColumnOptions) { return this.column(name, "blob", options) }
  boolean(name: string, options?: ColumnOptions) { return this.column(name, "boolean", options) }
  datetime(name: string, options?: ColumnOptions) { return this.column(name, "datetime", options) }
  integer(name: string, options?: ColumnOptions) { return this.column(name, "integer", options) }
  json(name: string, options?: ColumnOptions) { return this.column(name, "json", options) }
  string(name: string, options?: ColumnOptions) { return this.column(name, "string", options) }
  text(name: string, options?: ColumnOptions) { return this.column(name, "text", options) }
  tinyint(name: string, options?: ColumnOptions) { return this.column(name, "tinyint", options) }
  uuid(name: string, options?: ColumnOptions) { return this.column(name, "uuid", options) }

  /** `references("user")` → `user_id` with an index; `foreignKey: true` adds a constraint to `users.id`. */
  references(name: string, options: ReferenceOptions = {}): this {
    checkKeys(options, ["foreignKey", "null", "index", "type", "default"], `references("${name}")`)

    const column = `${name}_id`
    const index = options.index ?? true

    this.column(column, options.type || "bigint", {null: options.null, default: options.default, index: false})

    if (index) this.indexes.push({columns: [column], unique: typeof index === "object" && Boolean(index.unique), name: typeof index === "object" ? index.name : undefined})

    if (options.foreignKey) {
      const foreignKey = typeof options.foreignKey === "object" ? options.foreignKey : {}

      checkKeys(foreignKey, ["toTable", "column", "name", "onDelete", "onUpdate"], `references("${name}") foreignKey option`)
      this.foreignKeys.push({
        column,
        referencedTable: foreignKey.toTable || pluralize(name),
        referencedColumn: foreignKey.column || "id",
        name: foreignKey.name,
        onDelete: foreignKey.onDelete,
        onUpdate: foreignKey.onUpdate
      })
    }

    return this
  }

  /** `created_at` and `updated_at`, NOT NULL like Rails: records fill them in. */
  timestamps(options: ColumnOptions = {}): this {
    this.datetime("created_at", {null: false, ...options})
    this.datetime("updated_at", {null: false, ...options})

    return this
  }
}
