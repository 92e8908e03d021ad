import {DatabaseError} from "../drivers/base/errors.js"

export class UnsafeSqlFragmentError extends DatabaseError {
  override name = "UnsafeSqlFragmentError"
}

/** SQL the code wrote itself, for order/select/group/pluck; made only by rawSql(). */
export class RawSql {
  readonly sql: string

  constructor(sql: string) {
    this.sql = sql
  }
}

/**
 * Marks SQL written in the code (never user input) as meant for order(), select(), group() or
 * pluck(), the way Rails' Arel.sql() does: without it those take only column references.
 */
export function rawSql(sql: string): RawSql {
  if (typeof sql !== "string") throw new UnsafeSqlFragmentError(`rawSql() takes a string of SQL, got ${sql === null ? "null" : typeof sql}`)

  return new RawSql(sql)
}

export type SqlReference = string | RawSql
export type ReferenceKind = "order" | "reorder" | "group" | "select" | "pluck"

// A plain or dialect-quoted name; quoted ones may not hold their own quote or NUL.
const name = "(?:[A-Za-z_][A-Za-z0-9_]*|\"[^\"\\0]+\"|`[^`\\0]+`)"
const column = `(?:${name}\\.)?(?:${name}|\\*)`
// Functions that only read their argument: a function with side effects (pg_sleep(id),
// pg_terminate_backend(id)) called on a column of every row is not something order() should run.
const functions = "(?:count|sum|min|max|avg|lower|upper|length|trim|abs|date)"
const call = `${functions}\\(\\s*(?:distinct\\s+)?(?:${column})?\\s*\\)`
const expression = `(?:${call}|${column})`
const patterns: {[kind in ReferenceKind]: RegExp} = {
  order: new RegExp(`^${expression}(?:\\s+(?:asc|desc))?(?:\\s+nulls\\s+(?:first|last))?$`, "i"),
  reorder: new RegExp(`^${expression}(?:\\s+(?:asc|desc))?(?:\\s+nulls\\s+(?:first|last))?$`, "i"),
  group: new RegExp(`^${expression}$`, "i"),
  select: new RegExp(`^${expression}(?:\\s+(?:as\\s+)?${name})?$`, "i"),
  pluck: new RegExp(`^${expression}(?:\\s+(?:as\\s+)?${name})?$`, "i")
}

/**
 * The SQL text of a reference given to order/reorder/group/select/pluck. A string must be a
 * comma list of column references (optionally with a direction, an alias, or inside one of a
 * few reading functions), so a sort key or column taken from a request can never carry SQL.
 */
export function referenceSql(kind: ReferenceKind, reference: SqlReference, modelName: string): string {
  if (reference instanceof RawSql) return reference.sql

  if (typeof reference !== "string") {
    throw new UnsafeSqlFragmentError(`${modelName}.${kind}() takes a column name or rawSql(...), got ${reference === null ? "null" : typeof reference}`)
  }

  const parts = reference.split(",")

  if (!parts.every((part) => patterns[kind].test(part.trim()))) {
    throw new UnsafeSqlFragmentError(`${modelName}.${kind}() takes column names (\`name\`, \`tasks.name DESC\`) or simple function calls, not '${reference}'; wrap SQL written in the code in rawSql(...), and never put user input in it`)
  }

  return reference
}
