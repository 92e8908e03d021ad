import type {DatabaseConfiguration} from "../configuration/options.js"
import type BaseDriver from "./drivers/base/base-driver.js"
import type {DriverConfig} from "./drivers/base/driver-config.js"
import {DatabaseConfigurationError} from "./drivers/base/errors.js"
import type {DriverClass} from "./drivers/driver-class.js"
import type BasePool from "./pool/base-pool.js"
import type {PoolClass} from "./pool/base-pool.js"
import {settle} from "../utils/promises.js"

/** What the pools need from the environment handler: which pool and driver classes to use where the configuration names none. */
export interface DatabaseRuntime {
  getDefaultPoolType(config: DriverConfig): PoolClass
  getDriverClass(config: DriverConfig): Promise<DriverClass>
}

export interface DatabasePoolsArgs {
  /** The configuration's `database` option, every environment. */
  database: DatabaseConfiguration | undefined
  environment: string
  /** The app directory, where SQLite names resolve; undefined in a browser. */
  directory: string | undefined
  runtime: DatabaseRuntime
}

/**
 * The pools of one configuration's current environment, one per database identifier, made on first
 * use. It is handed plain values rather than the configuration, so the database layer never
 * imports the configuration back.
 */
export default class DatabasePools {
  private readonly pools = new Map<string, BasePool>()
  private readonly database: DatabaseConfiguration | undefined
  private readonly environment: string
  private readonly directory: string | undefined
  private readonly runtime: DatabaseRuntime

  constructor({database, environment, directory, runtime}: DatabasePoolsArgs) {
    this.database = database
    this.environment = environment
    this.directory = directory
    this.runtime = runtime
  }

  identifiers(): string[] {
    return Object.keys(this.environmentDatabases())
  }

  configFor(identifier: string): DriverConfig {
    const databases = this.environmentDatabases()
    const config = databases[identifier]

    if (!config) {
      throw new DatabaseConfigurationError(
        `No database '${identifier}' configured for the ${this.environment} environment. Configured: ${Object.keys(databases).join(", ") || "none"} (see database.${this.environment} in src/config/configuration.js)`
      )
    }

    return config as DriverConfig
  }

  getPool(identifier = "default"): BasePool {
    let pool = this.pools.get(identifier)

    if (!pool) {
      const config = this.configFor(identifier)
      const PoolType = (typeof config.poolType === "function" ? config.poolType : this.runtime.getDefaultPoolType(config)) as PoolClass

      pool = new PoolType({
        identifier,
        config: withoutPoolKeys(config),
        appDirectory: this.directory,
        environment: this.environment,
        loadDriverClass: (driverConfig) => this.runtime.getDriverClass(driverConfig)
      })
      this.pools.set(identifier, pool)
    }

    return pool
  }

  /**
   * Runs `callback` with a connection to every configured database pinned to its async context.
   * `identifiers` defaults to the current environment's; a caller that runs this for every
   * request (the HTTP server) passes the list it read once at boot, so process.env is not read per call.
   */
  ensureConnections<Result>(callback: (connections: Record<string, BaseDriver>) => Result | Promise<Result>, identifiers: readonly string[] = this.identifiers()): Promise<Result> {
    return this.connectFrom(identifiers, 0, {}, callback)
  }

  private connectFrom<Result>(identifiers: readonly string[], index: number, connections: Record<string, BaseDriver>, callback: (connections: Record<string, BaseDriver>) => Result | Promise<Result>): Promise<Result> {
    if (index >= identifiers.length) return settle(callback, connections)

    const identifier = identifiers[index]

    return this.getPool(identifier).withConnection((connection) => {
      connections[identifier] = connection

      return this.connectFrom(identifiers, index + 1, connections, callback)
    })
  }

  async ensureGlobalConnections(): Promise<void> {
    for (const identifier of this.identifiers()) await this.getPool(identifier).ensureGlobalConnection()
  }

  async closeAll(): Promise<void> {
    const pools = [...this.pools.values()]

    this.pools.clear()
    await Promise.all(pools.map((pool) => pool.close()))
  }

  private environmentDatabases(): Record<string, unknown> {
    const environment = this.environment
    const database = this.database

    if (!database) throw new DatabaseConfigurationError("No `database` in the configuration: add database: {<environment>: {default: {type: \"sqlite\", name: \"development\"}}}")

    const databases = database[environment]

    if (!databases) {
      throw new DatabaseConfigurationError(`No databases configured for the ${environment} environment: add database.${environment} to the configuration (configured environments: ${Object.keys(database).join(", ")})`)
    }

    return databases
  }
}

function withoutPoolKeys(config: DriverConfig): DriverConfig {
  const {poolType: _poolType, ...rest} = config

  return rest as DriverConfig
}
