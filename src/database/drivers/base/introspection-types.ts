export interface ColumnInfo {
  name: string
  /** Logical type as the schema DSL names it (`string`, `bigint`, `datetime`...), or the raw type lowercased when none fits. */
  type: string
  /** The type exactly as the database declares it (`character varying(255)`, `tinyint(1)`). */
  sqlType: string
  limit?: number
  null: boolean
  /** A literal default as a JS value; undefined when there is none or it is an expression. */
  default?: string | number | boolean | null
  /** The default as SQL text (`'draft'`, `CURRENT_TIMESTAMP`), null when there is none. */
  defaultSql: string | null
  primaryKey: boolean
  autoIncrement: boolean
}

export interface IndexInfo {
  name: string
  columns: string[]
  unique: boolean
}

export interface ForeignKeyInfo {
  name: string | null
  column: string
  referencedTable: string
  referencedColumn: string
  onDelete?: string
  onUpdate?: string
}

/** Reads the schema back from the database; one implementation per dialect, one shared conformance spec. */
export interface Introspector {
  /** User tables, sorted, without the database's internal ones. */
  tables(): Promise<string[]>
  tableExists(table: string): Promise<boolean>
  /** In table order. */
  columns(table: string): Promise<ColumnInfo[]>
  /** Secondary indexes, sorted by name; the primary key is reported on its columns instead. */
  indexes(table: string): Promise<IndexInfo[]>
  /** Sorted by column. */
  foreignKeys(table: string): Promise<ForeignKeyInfo[]>
}

export interface StructureDumper {
  /** Deterministic SQL text of the schema: the same schema always gives the same bytes. */
  dump(): Promise<string>
  /** Runs a dump made by `dump()` against an empty database. */
  load(sql: string): Promise<void>
}
