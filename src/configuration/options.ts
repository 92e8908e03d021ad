import type BaseEnvironmentHandler from "../environment-handlers/base.js"
import type BaseLogger from "../logger/base-logger.js"
import type {WebsocketEventsOptions} from "../websocket-events/websocket-events.js"

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
}

export type Resolver<Args, Result> = (args: Args) => Result | undefined | Promise<Result | undefined>

export interface ConfigurationOptions {
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
  "cookieSecret",
  "structureSql",
  "backgroundJobs",
  "mailerBackend",
  "backendProjects",
  "websocketChannelResolver",
  "websocketMessageHandlerResolver",
  "websocketEvents",
  "abilityResolver",
  "debug"
]
