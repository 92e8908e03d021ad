import type BaseDriver from "../drivers/base/base-driver.js"
import type {DriverConfig} from "../drivers/base/driver-config.js"

export interface PoolArgs {
  identifier: string
  config: DriverConfig
  /** Where SQLite names resolve (`db/<name>.sqlite`). */
  appDirectory?: string
}

/**
 * Hands out driver connections. Implementations differ in how they pick the connection for
 * the caller; all of them release a connection when its callback throws.
 */
export default abstract class BasePool {
  readonly identifier: string
  readonly config: DriverConfig
  protected readonly appDirectory: string | undefined

  constructor({identifier, config, appDirectory}: PoolArgs) {
    this.identifier = identifier
    this.config = config
    this.appDirectory = appDirectory
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
