export type DialectName = "sqlite" | "pgsql" | "mysql"

/** What a dialect can do, so callers branch on a capability instead of on the dialect's name. */
export interface DatabaseAdapter {
  readonly dialect: DialectName
  /** `INSERT ... RETURNING` (SQLite 3.35+, PostgreSQL, MariaDB 10.5+; not MySQL). */
  readonly supportsReturning: boolean
  /** DDL inside a transaction is rolled back with it (not MySQL/MariaDB, which commit implicitly). */
  readonly transactionalDdl: boolean
  /** Most `?` values one statement may bind; batch inserts must split above it. */
  readonly maxBindParameters: number
  /** Longest table/index/constraint name the server keeps without truncating or refusing. */
  readonly maxIdentifierLength: number
  /** `ALTER COLUMN`/`DROP COLUMN`/`ADD CONSTRAINT` in place; SQLite rebuilds the table instead. */
  readonly supportsAlterColumn: boolean
  /** Booleans come back as true/false (PostgreSQL) rather than 1/0. */
  readonly nativeBooleans: boolean
  /**
   * LIMIT is written into the SQL as digits rather than bound (SQLite): SQLite plans with a
   * bound LIMIT's value, so it compiles such a statement again on every run. PostgreSQL and
   * MySQL reuse one prepared statement for every limit, so they keep it bound.
   */
  readonly literalLimit: boolean
  /**
   * Every value of a result column comes as the same JavaScript type, decided by the column's
   * type on the wire (pg, mysql2). SQLite types each value on its own: one column may hold an
   * integer in one row and text in the next. See loaded-rows.ts for what it saves.
   */
  readonly typedResultColumns: boolean
}
