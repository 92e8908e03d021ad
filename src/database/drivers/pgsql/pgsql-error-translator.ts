import {
  DatabaseAccessDeniedError, DatabaseConnectionError, DatabaseNotFoundError, DatabaseQueryError,
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

export function translatePgsqlQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
  if (!(error instanceof Error)) return new DatabaseQueryError(String(error), {sql, params, cause: error})

  const code = (error as {code?: string}).code
  const ErrorClass = (code && classByCode[code]) || DatabaseQueryError

  return new ErrorClass(error.message, {sql, params, code, cause: error})
}
