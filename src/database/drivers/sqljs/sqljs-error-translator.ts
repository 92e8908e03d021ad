import {DatabaseQueryError, ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError, type QueryErrorClass} from "../base/errors.js"

// sql.js reports SQLite's message without better-sqlite3's extended code, so the class comes
// from the message SQLite writes for each constraint.
const classByMessage: [RegExp, QueryErrorClass, string][] = [
  [/^UNIQUE constraint failed/, UniqueConstraintError, "SQLITE_CONSTRAINT_UNIQUE"],
  [/^FOREIGN KEY constraint failed/, ForeignKeyConstraintError, "SQLITE_CONSTRAINT_FOREIGNKEY"],
  [/^NOT NULL constraint failed/, NotNullConstraintError, "SQLITE_CONSTRAINT_NOTNULL"]
]

export function translateSqlJsQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
  if (!(error instanceof Error)) return new DatabaseQueryError(String(error), {sql, params, cause: error})

  const found = classByMessage.find(([pattern]) => pattern.test(error.message))
  const ErrorClass = found?.[1] ?? DatabaseQueryError

  return new ErrorClass(error.message, {sql, params, code: found?.[2], cause: error})
}
