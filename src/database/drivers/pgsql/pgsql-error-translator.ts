import {
  DatabaseAccessDeniedError, DatabaseConnectionError, DatabaseConnectionLostError, DatabaseNotFoundError, DatabaseQueryError,
  ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError, type QueryErrorClass
} from "../base/errors.js"
import type {DriverConfig} from "../base/driver-config.js"

const networkCodes = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"]

const classByCode: Record<string, QueryErrorClass> = {
  "23505": UniqueConstraintError,
  "23503": ForeignKeyConstraintError,
  "23502": NotNullConstraintError
}

export function pgsqlAddress(config: DriverConfig): string {
  return `${config.host ?? "localhost"}:${config.port ?? 5432}`
}

/** Turns what pg throws while connecting into an error that says which setting to look at. */
export function translatePgsqlConnectError(error: unknown, config: DriverConfig): Error {
  const code = (error as {code?: string}).code
  const message = error instanceof Error ? error.message : String(error)
  const address = pgsqlAddress(config)

  if ((code && networkCodes.includes(code)) || /timeout|terminated unexpectedly/i.test(message)) {
    return new DatabaseConnectionError(`Could not connect to PostgreSQL at ${address} (${code || message}). Is the server running? Check \`host\` and \`port\` in the database configuration`, {cause: error})
  }

  if (code === "3D000") {
    return new DatabaseNotFoundError(`The database "${config.database}" does not exist on the PostgreSQL server at ${address}. Create it with \`npx velocious db:create\`, or check \`database\` in the database configuration`, {cause: error})
  }

  if (code === "28P01" || code === "28000") {
    return new DatabaseAccessDeniedError(`PostgreSQL at ${address} denied access for user "${config.username ?? ""}": ${message}. Check \`username\` and \`password\` in the database configuration`, {cause: error})
  }

  return new DatabaseConnectionError(`Could not connect to PostgreSQL at ${address}: ${message}`, {cause: error})
}

/**
 * Errors after which the session is over: the server ends it with a FATAL message (57P01 on
 * pg_terminate_backend or a fast shutdown), class 08 connection exceptions, a reset socket, or
 * pg's own "Connection terminated" / "not queryable" when the socket closed first.
 */
function isConnectionLost(error: Error, code: string | undefined): boolean {
  const severity = (error as {severity?: string}).severity

  if (severity === "FATAL" || severity === "PANIC") return true
  if (code && (code.startsWith("08") || code.startsWith("57P") || networkCodes.includes(code) || code === "EPIPE")) return true

  return !severity && /Connection terminated|not queryable/.test(error.message)
}

/**
 * A named prepared statement the server can no longer run as prepared: 0A000 is what PostgreSQL
 * raises when a prepared `SELECT *` / `RETURNING *` would now return other columns ("cached plan
 * must not change result type"), 26000 when the statement is gone (DEALLOCATE / DISCARD ALL run
 * by hand). Other 0A000 errors match too; that only costs them a rerun and the connection a
 * refill of its prepared statements, on a path that is failing anyway.
 */
export function invalidatesPreparedStatements(error: unknown): boolean {
  const code = (error as {code?: unknown}).code

  return code === "0A000" || code === "26000"
}

/** The server's routine name is not translated, unlike the message, so it identifies the error under any lc_messages. */
function isStalePreparedPlan(error: Error, code: string | undefined): boolean {
  return code === "0A000" && ((error as {routine?: string}).routine === "RevalidateCachedQuery" || error.message.includes("cached plan must not change result type"))
}

export function translatePgsqlQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
  if (!(error instanceof Error)) return new DatabaseQueryError(String(error), {sql, params, cause: error})

  const code = (error as {code?: string}).code

  if (isConnectionLost(error, code)) {
    return new DatabaseConnectionLostError(`Lost the connection to PostgreSQL while running a statement: ${error.message.replace(/\.$/, "")}. The statement may not have completed; the pool opens a fresh connection for the next checkout`, {sql, params, code, cause: error})
  }

  if (isStalePreparedPlan(error, code)) {
    return new DatabaseQueryError(`The schema changed under a prepared statement: a table it reads gained or lost columns after this connection prepared it (PostgreSQL: ${error.message}). Outside a transaction Velocious prepares it again and reruns it; inside one PostgreSQL has already aborted the transaction, so roll it back and run the whole transaction again. The connection's prepared statements were dropped, so the rerun sees the new columns`, {sql, params, code, cause: error})
  }

  const ErrorClass = (code && classByCode[code]) || DatabaseQueryError

  return new ErrorClass(error.message, {sql, params, code, cause: error})
}
