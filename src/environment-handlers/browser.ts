import BaseEnvironmentHandler from "./base.js"
import type Configuration from "../configuration.js"
import type {DriverConfig} from "../database/drivers/base/driver-config.js"
import {DatabaseConfigurationError} from "../database/drivers/base/errors.js"
import type {DriverClass} from "../database/drivers/driver-class.js"
import type {SqlJsConfig} from "../database/drivers/sqljs/sqljs-types.js"
import {bundledMigrations, type BundledMigrations} from "../database/migrator/bundled-migrations.js"
import type {MigrationSource} from "../database/migrator/migration-source.js"
import type {PoolClass} from "../database/pool/base-pool.js"
import SingleConnectionPool from "../database/pool/single-connection.js"
import {checkKeys} from "../utils/check-keys.js"

export class FileLoggingUnavailableError extends Error {
  override name = "FileLoggingUnavailableError"
}

export interface BrowserEnvironmentHandlerOptions {
  /**
   * The app's migrations, bundled with it: file name (or path ending in it) → the module or a
   * function importing it, as `import.meta.glob("./migrations/*.js")` gives them.
   */
  migrations?: BundledMigrations
  /**
   * The app's model classes. There is no src/models folder to list in a bundle: these are what
   * configuration.initialize() initializes (and what db:migrate initializes once their tables exist).
   */
  models?: unknown[]
  /** Passed to sql.js's initSqlJs(); `locateFile` says where sql-wasm.wasm is served. */
  sqlJs?: SqlJsConfig
}

const optionKeys = ["migrations", "models", "sqlJs"] as const

/**
 * Runs an app in a browser: SQLite databases on sql.js (kept in IndexedDB), one shared
 * connection per database, migrations from the bundle, no file logging.
 */
export default class BrowserEnvironmentHandler extends BaseEnvironmentHandler {
  private readonly migrations: BundledMigrations
  private readonly sqlJs: SqlJsConfig | undefined
  private readonly models: unknown[]
  private driverClass: Promise<DriverClass> | undefined

  constructor(options: BrowserEnvironmentHandlerOptions = {}) {
    super()
    checkKeys(options, optionKeys, "new BrowserEnvironmentHandler()")
    this.migrations = options.migrations ?? {}
    this.sqlJs = options.sqlJs
    this.models = options.models ?? []

    if (!Array.isArray(this.models)) throw new TypeError("models must be an array of the app's model classes, e.g. {models: [Task, Project]}")
  }

  override async importAppModelExports(_args: {configuration: Configuration}): Promise<unknown[]> {
    return this.models
  }

  getName(): string {
    return "browser"
  }

  getDefaultPoolType(_config: DriverConfig): PoolClass {
    return SingleConnectionPool
  }

  getDriverClass(config: DriverConfig): Promise<DriverClass> {
    if (typeof config.driver === "function") return Promise.resolve(config.driver as DriverClass)

    if (config.type !== "sqlite") {
      return Promise.reject(new DatabaseConfigurationError(`The ${JSON.stringify(config.type)} database type does not run in the browser: use type "sqlite" (sql.js) there, or talk to the server's database through the backend`))
    }

    const sqlJs = this.sqlJs

    this.driverClass ||= import("../database/drivers/sqljs/index.js").then(({default: SqlJsDriver}) => {
      return class BrowserSqlJsDriver extends SqlJsDriver {
        constructor(driverConfig: DriverConfig, environment = {}) {
          super(driverConfig, {...environment, sqlJs})
        }
      }
    })

    return this.driverClass
  }

  getMigrationSource(_args: {configuration: Configuration}): MigrationSource {
    return bundledMigrations(this.migrations)
  }

  getDefaultLogDirectory(_args: {configuration: Configuration}): undefined {
    return undefined
  }

  getLogFilePath(): string {
    throw new FileLoggingUnavailableError("File logging is not available in the browser: set `logging: {file: false}` or use a custom logger that implements write()")
  }

  async writeLogToFile(): Promise<void> {
    this.getLogFilePath()
  }
}
