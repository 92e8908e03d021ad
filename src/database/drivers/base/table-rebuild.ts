import type {ForeignKeyInfo, IndexInfo} from "./introspection-types.js"

export interface RebuildColumn {
  name: string
  /** The full column definition as it goes into CREATE TABLE. */
  sql: string
  /** The old column whose data fills this one; null for a new column (gets its default). */
  copyFrom: string | null
}

/** A table's shape that a rebuild (SQLite's way to alter) edits before copying the data over. */
export interface TableRebuild {
  table: string
  columns: RebuildColumn[]
  /** Set when the key spans several columns and so is a table constraint. */
  compositePrimaryKey: string[] | null
  indexes: IndexInfo[]
  foreignKeys: ForeignKeyInfo[]
}
