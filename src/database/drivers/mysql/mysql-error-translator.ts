import {
  DatabaseAccessDeniedError, DatabaseConnectionError, DatabaseConnectionLostError, DatabaseNotFoundError, DatabaseQueryError,
  ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError, type QueryErrorClass
} from "../base/errors.js"
import type {DriverConfig} from "../base/driver-config.js"

const networkCodes = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "PROTOCOL_CONNECTION_LOST"]

const classByCode: Record<string, QueryErrorClass> = {
  ER_DUP_ENTRY: UniqueConstraintError,
  ER_NO_REFERENCED_ROW_2: ForeignKeyConstraintError,
  ER_ROW_IS_REFERENCED_2: ForeignKeyConstraintError,
  ER_BAD_NULL_ERROR: NotNullConstraintError,
  // Strict mode's answer to an INSERT that leaves out a NOT NULL column without a default.
  ER_NO_DEFAULT_FOR_FIELD: NotNullConstraintError
}

export function mysqlAddress(config: DriverConfig): string {
  return `${config.host ?? "localhost"}:${config.port ?? 3306}`
}

export function translateMysqlConnectError(error: unknown, config: DriverConfig): Error {
  const code = (error as {code?: string}).code
  const message = error instanceof Error ? error.message : String(error)
  const address = mysqlAddress(config)

  if (code && networkCodes.includes(code)) {
    return new DatabaseConnectionError(`Could not connect to MySQL/MariaDB at ${address} (${code}). Is the server running? Check \`host\` and \`port\` in the database configuration`, {cause: error})
  }

  if (code === "ER_BAD_DB_ERROR") {
    return new DatabaseNotFoundError(`The database "${config.database}" does not exist on the MySQL/MariaDB server at ${address}. Create it with \`npx velocious db:create\`, or check \`database\` in the database configuration`, {cause: error})
  }

  if (code === "ER_ACCESS_DENIED_ERROR" || code === "ER_DBACCESS_DENIED_ERROR" || code === "ER_ACCESS_DENIED_NO_PASSWORD_ERROR") {
    return new DatabaseAccessDeniedError(`MySQL/MariaDB at ${address} denied access for user "${config.username ?? ""}": ${message}. Check \`username\` and \`password\` in the database configuration`, {cause: error})
  }

  return new DatabaseConnectionError(`Could not connect to MySQL/MariaDB at ${address}: ${message}`, {cause: error})
}

/**
 * mysql2 flags errors that end the connection as `fatal` (socket closed, protocol errors);
 * MariaDB also names a killed connection (ER_CONNECTION_KILLED) before closing it. A plain
 * KILL QUERY (ER_QUERY_INTERRUPTED) leaves the connection usable, so it is not in this list.
 */
function isConnectionLost(error: Error, code: string | undefined): boolean {
  if ((error as {fatal?: boolean}).fatal === true) return true

  return Boolean(code && (networkCodes.includes(code) || code === "EPIPE" || code === "ER_CONNECTION_KILLED" || code === "ER_SERVER_SHUTDOWN"))
}

export function translateMysqlQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
  if (!(error instanceof Error)) return new DatabaseQueryError(String(error), {sql, params, cause: error})

  const code = (error as {code?: string}).code

  if (isConnectionLost(error, code)) {
    return new DatabaseConnectionLostError(`Lost the connection to MySQL/MariaDB while running a statement: ${error.message.replace(/\.$/, "")}. The statement may not have completed; the pool opens a fresh connection for the next checkout`, {sql, params, code, cause: error})
  }

  const ErrorClass = (code && classByCode[code]) || DatabaseQueryError

  return new ErrorClass(error.message, {sql, params, code, cause: error})
}
