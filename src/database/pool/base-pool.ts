import type BaseDriver from "../drivers/base/base-driver.js"
import type {DriverConfig} from "../drivers/base/driver-config.js"
import type {DriverClass} from "../drivers/driver-class.js"

export interface PoolArgs {
  identifier: string
  config: DriverConfig
  /** Where SQLite names resolve (`db/<name>.sqlite`). */
  appDirectory?: string
  /** The environment the pool's database belongs to (`test`, `development`), for messages. */
  environment?: string
  /** How the pool finds its driver class when the configuration names no `driver`; the environment handler passes its own. */
  loadDriverClass?: (config: DriverConfig) => Promise<DriverClass>
}

export type PoolClass = new (args: PoolArgs) => BasePool

/**
 * Hands out driver connections. Implementations differ in how they pick the connection for
 * the caller; all of them release a connection when its callback throws.
 */
export default abstract class BasePool {
  readonly identifier: string
  readonly config: DriverConfig
  protected readonly appDirectory: string | undefined
  protected readonly environment: string | undefined
  protected readonly loadDriverClass: ((config: DriverConfig) => Promise<DriverClass>) | undefined

  constructor({identifier, config, appDirectory, environment, loadDriverClass}: PoolArgs) {
    this.identifier = identifier
    this.config = config
    this.appDirectory = appDirectory
    this.environment = environment
    this.loadDriverClass = loadDriverClass
  }

  /** A new, unconnected driver for this pool's database. */
  protected async newDriver(defaultLoader?: (config: DriverConfig) => Promise<DriverClass>): Promise<BaseDriver> {
    const loader = this.loadDriverClass ?? defaultLoader
    let DriverType: DriverClass

    if (typeof this.config.driver === "function") DriverType = this.config.driver as DriverClass
    else if (loader) DriverType = await loader(this.config)
    else throw new Error(`The '${this.identifier}' pool has no way to load a ${this.config.type} driver: pass \`driver\` in the database configuration or \`loadDriverClass\` to the pool`)

    return new DriverType(this.config, {appDirectory: this.appDirectory})
  }

  /** Runs `callback` with a connection, reusing the caller's if it already has one. */
  abstract withConnection<Result>(callback: (connection: BaseDriver) => Result | Promise<Result>): Promise<Result>

  /** The connection of the current async context, or the global fallback. */
  abstract getCurrentConnection(): BaseDriver

  /** Creates (or reuses) a connection used outside any `withConnection` context. */
  abstract ensureGlobalConnection(): Promise<BaseDriver>

  /** Closes every connection; the pool can be used again afterwards. */
  abstract close(): Promise<void>
}
