import type {ColumnType} from "../drivers/base/column-types.js"

/** A function default is raw SQL (`() => "CURRENT_TIMESTAMP"`), like a lambda default in Rails. */
export type ColumnDefault = string | number | boolean | null | Date | Record<string, unknown> | unknown[] | (() => string)

export interface IndexOptions {
  unique?: boolean
  name?: string
}

export interface ColumnOptions {
  null?: boolean
  default?: ColumnDefault
  index?: boolean | IndexOptions
  unique?: boolean
  limit?: number
  primaryKey?: boolean
  autoIncrement?: boolean
}

export const columnOptionKeys = ["null", "default", "index", "unique", "limit", "primaryKey", "autoIncrement"] as const

export interface ColumnDefinition {
  name: string
  type: ColumnType
  options: ColumnOptions
}

export interface IndexDefinition {
  columns: string[]
  unique: boolean
  name?: string
}

export type ReferentialAction = "cascade" | "restrict" | "set null" | "set default" | "no action"

export interface ForeignKeyDefinition {
  column: string
  referencedTable: string
  referencedColumn: string
  name?: string
  onDelete?: ReferentialAction
  onUpdate?: ReferentialAction
}
