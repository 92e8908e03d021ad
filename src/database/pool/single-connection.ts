import type BaseDriver from "../drivers/base/base-driver.js"
import BasePool from "./base-pool.js"
import {NoCurrentConnectionError} from "./pool-errors.js"
import {settle} from "../../utils/promises.js"

/**
 * One connection shared by every caller: the browser's pool. A page has no AsyncLocalStorage to
 * tell concurrent flows apart, and sql.js runs in the page's one thread anyway, so there is
 * nothing a second connection would run in parallel. Because the connection is shared, two
 * transactions started concurrently (without awaiting each other) nest instead of running apart:
 * await one before starting the next.
 */
export default class SingleConnectionPool extends BasePool {
  private connection: BaseDriver | undefined
  private opening: Promise<BaseDriver> | undefined

  withConnection<Result>(callback: (connection: BaseDriver) => Result | Promise<Result>): Promise<Result> {
    if (this.connection?.isConnected()) return settle(callback, this.connection)

    return this.ensureGlobalConnection().then((connection) => callback(connection))
  }

  getCurrentConnection(): BaseDriver {
    if (!this.connection?.isConnected()) {
      throw new NoCurrentConnectionError(
        `No connection to the '${this.identifier}' database yet. Wrap the code in configuration.ensureConnections(async () => ...), or call await configuration.ensureGlobalConnections() once at boot`
      )
    }

    return this.connection
  }

  hasCurrentConnection(): boolean {
    return Boolean(this.connection?.isConnected())
  }

  ensureGlobalConnection(): Promise<BaseDriver> {
    if (this.connection?.isConnected()) return Promise.resolve(this.connection)

    // Concurrent first callers share one open: two connections would be two copies of the database.
    this.opening ||= this.open().finally(() => { this.opening = undefined })

    return this.opening
  }

  async close(): Promise<void> {
    const connection = this.connection ?? await this.opening?.catch(() => undefined)

    this.connection = undefined
    await connection?.close()
  }

  private async open(): Promise<BaseDriver> {
    const connection = await this.newDriver()

    await connection.connect()
    this.connection = connection

    return connection
  }
}
