/** Base of every error the database layer raises, so callers can catch them as one family. */
export class DatabaseError extends Error {
  override name = "DatabaseError"
}

/** The server could not be reached at all (refused, unknown host, timeout). */
export class DatabaseConnectionError extends DatabaseError {
  override name = "DatabaseConnectionError"
}

/** The server answered but the configured database does not exist. */
export class DatabaseNotFoundError extends DatabaseError {
  override name = "DatabaseNotFoundError"
}

/** The server rejected the username/password or the user's access to the database. */
export class DatabaseAccessDeniedError extends DatabaseError {
  override name = "DatabaseAccessDeniedError"
}

export class DatabaseConfigurationError extends DatabaseError {
  override name = "DatabaseConfigurationError"
}

/** A pg/mysql2 peer dependency is not installed. */
export class MissingDatabasePackageError extends DatabaseError {
  override name = "MissingDatabasePackageError"
  packageName: string

  constructor(message: string, packageName: string, options?: ErrorOptions) {
    super(message, options)
    this.packageName = packageName
  }
}

export class NotConnectedError extends DatabaseError {
  override name = "NotConnectedError"
}

export class UndefinedParameterError extends DatabaseError {
  override name = "UndefinedParameterError"
}

export class ParameterCountError extends DatabaseError {
  override name = "ParameterCountError"
}

export class UnknownColumnTypeError extends DatabaseError {
  override name = "UnknownColumnTypeError"
}

export class UnsupportedSchemaOperationError extends DatabaseError {
  override name = "UnsupportedSchemaOperationError"
}

// A failed 10,000-row insertMultiple is ~40,000 placeholders: the message shows its start,
// which says which statement it was, and error.sql keeps all of it.
const maxSqlInMessage = 300

/** What a query error's message ends with: its SQL, cut to a readable length. */
export function sqlSuffix(sql: string): string {
  if (sql.length <= maxSqlInMessage) return `\nSQL: ${sql}`

  return `\nSQL: ${sql.slice(0, maxSqlInMessage)}… (${sql.length - maxSqlInMessage} more characters; the whole statement is in error.sql)`
}

export interface QueryErrorDetails {
  sql: string
  params: readonly unknown[]
  code?: string
  cause: unknown
}

/**
 * A statement failed. The message keeps the database's own wording (users search for it)
 * and adds the SQL; parameters stay on the error object only, since they may hold secrets.
 */
export class DatabaseQueryError extends DatabaseError {
  override name = "DatabaseQueryError"
  sql: string
  params: readonly unknown[]
  code?: string

  constructor(databaseMessage: string, details: QueryErrorDetails) {
    super(`${databaseMessage}${sqlSuffix(details.sql)}`, {cause: details.cause})
    this.sql = details.sql
    this.params = details.params
    this.code = details.code
  }
}

/**
 * The server or the network dropped the connection while a statement ran (a server restart, a
 * killed backend). The statement may or may not have taken effect; the connection is gone and
 * the pool opens a fresh one on the next checkout.
 */
export class DatabaseConnectionLostError extends DatabaseQueryError {
  override name = "DatabaseConnectionLostError"
}

export class UniqueConstraintError extends DatabaseQueryError {
  override name = "UniqueConstraintError"
}

export class ForeignKeyConstraintError extends DatabaseQueryError {
  override name = "ForeignKeyConstraintError"
}

export class NotNullConstraintError extends DatabaseQueryError {
  override name = "NotNullConstraintError"
}

export type QueryErrorClass = new (databaseMessage: string, details: QueryErrorDetails) => DatabaseQueryError
