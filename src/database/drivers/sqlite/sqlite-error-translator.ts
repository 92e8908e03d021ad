import {DatabaseQueryError, ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError, type QueryErrorClass} from "../base/errors.js"

const classByCode: Record<string, QueryErrorClass> = {
  SQLITE_CONSTRAINT_UNIQUE: UniqueConstraintError,
  SQLITE_CONSTRAINT_PRIMARYKEY: UniqueConstraintError,
  SQLITE_CONSTRAINT_FOREIGNKEY: ForeignKeyConstraintError,
  SQLITE_CONSTRAINT_NOTNULL: NotNullConstraintError
}

export function translateSqliteQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
  if (!(error instanceof Error)) return new DatabaseQueryError(String(error), {sql, params, cause: error})

  const code = (error as {code?: string}).code
  const ErrorClass = (code && classByCode[code]) || DatabaseQueryError

  return new ErrorClass(error.message, {sql, params, code, cause: error})
}
