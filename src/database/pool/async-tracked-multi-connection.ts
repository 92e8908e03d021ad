import type BaseDriver from "../drivers/base/base-driver.js"
import {driverClassFor} from "../drivers/driver-class-for.js"
import BasePool, {type PoolArgs} from "./base-pool.js"
import {NoCurrentConnectionError, PoolTimeoutError} from "./pool-errors.js"
import {afterSettled, settle} from "../../utils/promises.js"
import ScopedStorage from "../../utils/scoped-storage.js"
import StatementRouter from "./statement-router.js"

interface Waiter {
  resolve: (connection: BaseDriver) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

const defaultMaxConnections = 5
const defaultCheckoutTimeoutSeconds = 5

/**
 * Pins a connection to the async context (AsyncLocalStorage): everything awaited inside
 * `withConnection` sees the same connection, so a transaction started there covers it, while
 * concurrent callers each get their own. Outside such a context, once ensureGlobalConnection()
 * has run (every CLI command that boots the app, the server among them, does), the current
 * connection is the pool's StatementRouter: each statement borrows an idle connection for as
 * long as it runs, and `transaction()` pins one. So a request pays for no async context unless
 * it opens a transaction. Connections the server dropped are replaced on the next checkout.
 */
export default class AsyncTrackedMultiConnection extends BasePool {
  private readonly storage = new ScopedStorage<BaseDriver>()
  private readonly idle: BaseDriver[] = []
  private readonly busySince = new Map<BaseDriver, number>()
  private readonly waiters: Waiter[] = []
  /** Set by ensureGlobalConnection(): from then on, code outside a pinned context goes through the router. */
  private routing = false
  /**
   * The last connection opened: what the router asks about the dialect and quoting. Set
   * whenever routing is: ensureGlobalConnection() opens one first, and close() clears both.
   */
  private describing: BaseDriver | undefined
  private readonly router = new StatementRouter({
    pinned: () => this.storage.getStore(),
    takeIdle: () => this.takeIdle(),
    checkout: () => this.checkout(),
    checkin: (connection) => this.checkin(connection),
    withConnection: (callback) => this.withConnection(callback),
    describingConnection: () => this.describing as BaseDriver
  })
  private opening = 0
  readonly maxConnections: number
  readonly checkoutTimeoutSeconds: number

  constructor(args: PoolArgs) {
    super(args)

    const {maxConnections, checkoutTimeoutSeconds} = args.config

    // An in-memory SQLite database exists once per connection: every caller must share one.
    // A SQLite file defaults to one too: better-sqlite3 answers on the event loop's thread, so
    // a second connection adds no parallelism, only lock waits, and those block the thread: a
    // write on one connection while a transaction on another awaits something would wait out
    // busy_timeout with the transaction unable to finish. With one connection a caller waits
    // for it without blocking (see checkout()).
    const defaultMax = args.config.type === "sqlite" ? 1 : defaultMaxConnections

    this.maxConnections = this.isSharedMemoryDatabase() ? 1 : Number(maxConnections ?? defaultMax)
    this.checkoutTimeoutSeconds = Number(checkoutTimeoutSeconds ?? defaultCheckoutTimeoutSeconds)
  }

  withConnection<Result>(callback: (connection: BaseDriver) => Result | Promise<Result>): Promise<Result> {
    const current = this.storage.getStore()

    if (current) return settle(callback, current)

    // The usual case (an idle connection) stays synchronous: no checkout promise per request.
    const idle = this.takeIdle()

    if (idle) return this.runPinned(idle, callback)

    return this.checkout().then((connection) => this.runPinned(connection, callback))
  }

  getCurrentConnection(): BaseDriver {
    const connection = this.storage.getStore() || (this.routing ? this.router as unknown as BaseDriver : undefined)

    if (!connection) {
      throw new NoCurrentConnectionError(
        `No connection to the '${this.identifier}' database in this async context. Wrap the code in configuration.ensureConnections(async () => ...) or pool.withConnection(...), or call await pool.ensureGlobalConnection() once at boot`
      )
    }

    return connection
  }

  hasCurrentConnection(): boolean {
    return Boolean(this.storage.getStore()) || this.routing
  }

  /**
   * Makes getCurrentConnection() work outside every context, through the router (which is
   * what this returns): it opens a connection now, so a wrong host or password fails here,
   * at boot, rather than on the first query.
   */
  async ensureGlobalConnection(): Promise<BaseDriver> {
    if (this.idle.length === 0 && this.busySince.size === 0) this.checkin(await this.checkout())

    this.routing = true

    return this.router as unknown as BaseDriver
  }

  async close(): Promise<void> {
    const connections = new Set([...this.idle, ...this.busySince.keys()])

    this.idle.length = 0
    this.busySince.clear()
    this.routing = false
    this.describing = undefined

    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer)
      waiter.reject(new PoolTimeoutError(`The '${this.identifier}' pool was closed while waiting for a connection`))
    }

    await Promise.all([...connections].map((connection) => connection.close().catch(() => undefined)))
  }

  /** Busy connections and for how long, for diagnostics and the timeout message. */
  getStats(): {busy: number, idle: number, max: number, longestBusySeconds: number} {
    const now = Date.now()
    const longest = Math.max(0, ...[...this.busySince.values()].map((since) => now - since))

    return {busy: this.busySince.size, idle: this.idle.length, max: this.maxConnections, longestBusySeconds: longest / 1000}
  }

  private isSharedMemoryDatabase(): boolean {
    return this.config.type === "sqlite" && (this.config.name ?? this.config.database) === ":memory:"
  }

  private total(): number {
    return this.idle.length + this.busySince.size + this.opening
  }

  /** Runs `callback` with `connection` pinned to its async context, checking it back in once the callback settles. */
  private runPinned<Result>(connection: BaseDriver, callback: (connection: BaseDriver) => Result | Promise<Result>): Promise<Result> {
    return settle((pinned) => afterSettled(() => this.storage.run(pinned, () => callback(pinned)), () => this.checkin(pinned)), connection)
  }

  /** An idle connection that is still connected, marked busy; undefined when none is idle. */
  private takeIdle(): BaseDriver | undefined {
    while (this.idle.length > 0) {
      const connection = this.idle.pop() as BaseDriver

      if (connection.isConnected()) return this.markBusy(connection)

      // Dropped by the server while idle: forget it and open a fresh one instead.
      connection.close().catch(() => undefined)
    }

    return undefined
  }

  private async checkout(): Promise<BaseDriver> {
    const idle = this.takeIdle()

    if (idle) return idle
    if (this.total() < this.maxConnections) return this.markBusy(await this.openConnection())

    return await this.waitForConnection()
  }

  private async openConnection(): Promise<BaseDriver> {
    this.opening++

    try {
      const connection = await this.newDriver(driverClassFor)

      await connection.connect()
      this.describing = connection

      return connection
    } finally {
      this.opening--
    }
  }

  private markBusy(connection: BaseDriver): BaseDriver {
    this.busySince.set(connection, Date.now())

    return connection
  }

  private checkin(connection: BaseDriver): void {
    this.busySince.delete(connection)

    const waiter = this.waiters.shift()

    if (connection.isConnected()) {
      if (waiter) {
        clearTimeout(waiter.timer)
        waiter.resolve(this.markBusy(connection))
      } else {
        this.idle.push(connection)
      }

      return
    }

    // A dropped connection is not handed on; a waiter gets a freshly opened one.
    connection.close().catch(() => undefined)

    if (waiter) {
      clearTimeout(waiter.timer)
      this.openConnection().then((fresh) => waiter.resolve(this.markBusy(fresh)), waiter.reject)
    }
  }

  private waitForConnection(): Promise<BaseDriver> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)

          const {busy, longestBusySeconds} = this.getStats()

          reject(new PoolTimeoutError(
            `Timed out after ${this.checkoutTimeoutSeconds}s waiting for a connection to the '${this.identifier}' database: all ${busy} of ${this.maxConnections} connections are busy, the longest for ${longestBusySeconds.toFixed(1)}s. Release connections sooner (is a callback stuck?) or raise maxConnections in the database configuration`
          ))
        }, this.checkoutTimeoutSeconds * 1000)
      }

      this.waiters.push(waiter)
    })
  }
}

