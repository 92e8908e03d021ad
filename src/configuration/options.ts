import type BaseEnvironmentHandler from "../environment-handlers/base.js"
import type BaseLogger from "../logger/base-logger.js"
import type {WebsocketEventsOptions} from "../websocket-events/websocket-events.js"
import {securityOptionKeys, type SecurityConfigurationOptions} from "../http-server/security/options.js"

export type DatabaseType = "sqlite" | "pgsql" | "mysql"

export interface DatabaseConnectionOptions {
  type: DatabaseType
  driver?: unknown
  poolType?: unknown
  host?: string
  port?: number
  username?: string
  password?: string
  database?: string
  name?: string
  [option: string]: unknown
}

/** `{<environment>: {<identifier>: {type, ...}}}` */
export type DatabaseConfiguration = Record<string, Record<string, DatabaseConnectionOptions>>

export interface LoggingOptions {
  console?: boolean
  file?: boolean
  directory?: string
  filePath?: string
  levels?: LogLevel[]
  loggers?: BaseLogger[]
}

export type LogLevel = "debug" | "info" | "warn" | "error"

export interface StructureSqlOptions {
  disabledEnvironments?: string[]
}

export interface BackgroundJobsOptions {
  host?: string
  port?: number
  databaseIdentifier?: string
  /** How long a handed-off job may run before it counts as orphaned and is re-queued (default 7200). */
  leaseSeconds?: number
  /** Multiplies the retry schedule (10 s, 1 min, 10 min, 1 h, +1 h); tests use a small value (default 1). */
  retryBackoffScale?: number
  /** How often the main looks for due jobs and expired leases without being told (default 1000). */
  pollIntervalMs?: number
}

export type Resolver<Args, Result> = (args: Args) => Result | undefined | Promise<Result | undefined>

/** The web security options (csrfProtection, cors, securityHeaders, session, ...) are in http-server/security/options.ts. */
export interface ConfigurationOptions extends SecurityConfigurationOptions {
  /** App root; defaults to `process.cwd()` in Node. */
  directory?: string
  /** Overrides `VELOCIOUS_ENV` / `NODE_ENV`. */
  environment?: string
  database?: DatabaseConfiguration
  environmentHandler?: BaseEnvironmentHandler
  logging?: LoggingOptions
  locale?: string | (() => string)
  locales?: string[]
  localeFallbacks?: Record<string, string[]>
  /** Where a request's locale comes from: {param: "locale", cookie: "locale", acceptLanguage: true} by default (see src/translations/request-locale.ts). */
  requestLocale?: {param?: string | false, cookie?: string | false, acceptLanguage?: boolean}
  cookieSecret?: string
  structureSql?: StructureSqlOptions
  backgroundJobs?: BackgroundJobsOptions
  mailerBackend?: unknown
  backendProjects?: unknown[]
  websocketChannelResolver?: Resolver<any, any>
  websocketMessageHandlerResolver?: Resolver<any, any>
  /** How websocket events fan out: {adapter: "in-process" | "cluster" | "redis" | "pgsql", ...}. */
  websocketEvents?: WebsocketEventsOptions
  abilityResolver?: Resolver<any, any>
  debug?: boolean
}

// Kept as a runtime list so an app written from the README boots even before a feature
// lands, while a typo (`loging`) is caught at construction instead of being ignored.
export const configurationOptionKeys: readonly (keyof ConfigurationOptions)[] = [
  "directory",
  "environment",
  "database",
  "environmentHandler",
  "logging",
  "locale",
  "locales",
  "localeFallbacks",
  "requestLocale",
  "cookieSecret",
  "structureSql",
  "backgroundJobs",
  "mailerBackend",
  "backendProjects",
  "websocketChannelResolver",
  "websocketMessageHandlerResolver",
  "websocketEvents",
  "abilityResolver",
  "debug",
  ...securityOptionKeys
]
