import type {DatabaseConnectionOptions} from "../../../configuration/options.js"
import {checkKeys} from "../../../utils/check-keys.js"
import type {DialectName} from "./adapter.js"
import type {ModuleImporter} from "./load-peer-dependency.js"

export interface DriverConfig extends DatabaseConnectionOptions {
  type: DialectName
  /** PostgreSQL: the schema to put first on `search_path` (default: the server's, usually `public`). */
  schema?: string
  /**
   * Prepared statements kept per connection, least recently used evicted (closed on the server
   * for PostgreSQL and MySQL). Default 200 on SQLite, 1000 on PostgreSQL and MySQL.
   */
  statementCacheSize?: number
  /**
   * PostgreSQL: run statements with values as named server-side prepared statements, so a
   * repeated one is parsed once per connection. Default true; set false behind a
   * pooler that does not keep a session per client (PgBouncer in transaction mode).
   */
  preparedStatements?: boolean
  connectTimeoutMs?: number
  /** Passed through to pg/mysql2 as their `ssl` option. */
  ssl?: unknown
  /** Pool size (default 5; always 1 for an in-memory SQLite database, which exists once per connection). */
  maxConnections?: number
  /** How long a checkout waits for a busy pool before failing (default 5). */
  checkoutTimeoutSeconds?: number
  /** Any extra pg/mysql2 connection options, passed through as given. */
  clientOptions?: Record<string, unknown>
}

export interface DriverEnvironment {
  /** Where relative SQLite names resolve (`db/<name>.sqlite`). Default `process.cwd()`. */
  appDirectory?: string
  /** Replaces `import()` for the pg/mysql2 peer packages, so tests can simulate a missing one. */
  importModule?: ModuleImporter
}

export const driverConfigKeys = [
  "type", "driver", "poolType", "host", "port", "username", "password", "database", "name",
  "schema", "statementCacheSize", "preparedStatements", "connectTimeoutMs", "ssl", "clientOptions",
  "maxConnections", "checkoutTimeoutSeconds"
] as const

export function checkDriverConfig(config: DriverConfig, expectedType: DialectName): void {
  checkKeys(config, driverConfigKeys, `the ${expectedType} database configuration`)

  if (config.type !== expectedType) {
    throw new TypeError(`A ${expectedType} driver was given a configuration with type ${JSON.stringify(config.type)}; set type: "${expectedType}" or use the matching driver`)
  }

  const cacheSize = config.statementCacheSize

  if (cacheSize !== undefined && (!Number.isSafeInteger(cacheSize) || cacheSize < 1)) {
    throw new RangeError(`statementCacheSize in the ${expectedType} database configuration must be a positive whole number, got ${JSON.stringify(cacheSize)}`)
  }
}
