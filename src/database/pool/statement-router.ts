import type {DatabaseAdapter, DialectName} from "../drivers/base/adapter.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import type {ExecuteResult, Row} from "../drivers/base/base-driver.js"
import type {DriverConfig} from "../drivers/base/driver-config.js"
import type {Introspector, StructureDumper} from "../drivers/base/introspection-types.js"
import type {QueryCompiler} from "../drivers/base/query-compiler.js"
import type {SchemaCompiler} from "../drivers/base/schema-compiler.js"
import type {TableRebuild} from "../drivers/base/table-rebuild.js"
import {afterSettled} from "../../utils/promises.js"

/** What the router needs from its pool: quick and waiting checkouts, check-ins, pinned runs, and a connection to describe the dialect. */
export interface StatementCheckouts {
  /** The connection pinned to the current async context (inside a transaction or withConnection), if any. */
  pinned(): BaseDriver | undefined
  /** An idle connection marked busy, or undefined when none is idle (never waits). */
  takeIdle(): BaseDriver | undefined
  /** A connection marked busy, waiting for one when all are (checkoutTimeoutSeconds). */
  checkout(): Promise<BaseDriver>
  checkin(connection: BaseDriver): void
  /** `callback` with one connection pinned to its async context (what a transaction needs). */
  withConnection<Result>(callback: (connection: BaseDriver) => Result | Promise<Result>): Promise<Result>
  /** Some connection of the pool, busy or not, for what does not touch the database (dialect, quoting, SQL compilers). */
  describingConnection(): BaseDriver
}

/** Every public member of a driver: what the router stands in for. */
type DriverSurface = {[Member in keyof BaseDriver]: BaseDriver[Member]}

/**
 * The pool's connection for code outside any pinned context (a request, a script after
 * ensureGlobalConnection()): each statement takes an idle connection and gives it back as soon
 * as it has answered, so a request that runs no query, or runs its queries one at a time,
 * holds no connection and needs no async context. With a synchronous driver (better-sqlite3)
 * an idle connection answers without a promise, as a pinned one does.
 *
 * `transaction()` pins one connection for everything its callback awaits (AsyncLocalStorage),
 * so the statements inside it run on that connection, also those sent through a router
 * reference taken before the transaction began (`const db = pool.getCurrentConnection();
 * await db.transaction(async () => db.execute(...))`): every call asks for the pinned
 * connection first. Concurrent transactions get their own.
 */
export default class StatementRouter implements DriverSurface {
  private readonly checkouts: StatementCheckouts

  constructor(checkouts: StatementCheckouts) {
    this.checkouts = checkouts
  }

  get config(): DriverConfig {
    return this.describing().config
  }

  dialect(): DialectName {
    return this.describing().dialect()
  }

  getAdapter(): DatabaseAdapter {
    return this.describing().getAdapter()
  }

  getQueryCompiler(): QueryCompiler {
    return this.describing().getQueryCompiler()
  }

  getSchemaCompiler(): SchemaCompiler {
    return this.describing().getSchemaCompiler()
  }

  quoteIdentifier(name: string): string {
    return this.describing().quoteIdentifier(name)
  }

  /** Each introspection runs on a connection of its own for as long as it takes (they are all async). */
  getIntrospector(): Introspector {
    return this.routedMethods((connection) => connection.getIntrospector())
  }

  getStructureDumper(): StructureDumper {
    return this.routedMethods((connection) => connection.getStructureDumper())
  }

  /** The pool opens and closes its connections; the router itself has none to connect. */
  async connect(): Promise<void> {}

  async close(): Promise<void> {}

  isConnected(): boolean {
    return true
  }

  // query() and execute() go through queryNow()/executeNow(), as on a driver, so whatever
  // wraps those (statement logging, a spec watching statements) sees every statement.
  async query<Result extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<Result[]> {
    const rows = this.queryNow(sql, params)

    return (rows instanceof Promise ? await rows : rows) as Result[]
  }

  queryNow(sql: string, params: readonly unknown[]): Row[] | Promise<Row[]> {
    return this.run((connection) => connection.queryNow(sql, params))
  }

  queryFirstNow(sql: string, params: readonly unknown[]): Row | undefined | Promise<Row | undefined> {
    return this.run((connection) => connection.queryFirstNow(sql, params))
  }

  executeNow(sql: string, params: readonly unknown[]): ExecuteResult | Promise<ExecuteResult> {
    return this.run((connection) => connection.executeNow(sql, params))
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<ExecuteResult> {
    const result = this.executeNow(sql, params)

    return result instanceof Promise ? await result : result
  }

  executeScript(sql: string): Promise<void> {
    return this.run((connection) => connection.executeScript(sql)) as Promise<void>
  }

  isInTransaction(): boolean {
    return this.checkouts.pinned()?.isInTransaction() ?? false
  }

  /** Inside a transaction: once it commits. Outside one there is nothing to wait for, and the callback runs now. */
  async afterCommit(callback: () => unknown): Promise<void> {
    const pinned = this.checkouts.pinned()

    if (pinned) return await pinned.afterCommit(callback)

    await callback()
  }

  /** A new transaction on a connection pinned for the callback; inside one already, a savepoint on its connection. */
  transaction<Result>(callback: () => Result | Promise<Result>): Promise<Result> {
    const pinned = this.checkouts.pinned()

    if (pinned) return pinned.transaction(callback)

    return this.checkouts.withConnection((connection) => connection.transaction(callback))
  }

  rebuildTable(table: string, change: (rebuild: TableRebuild) => void): Promise<void> {
    return this.checkouts.withConnection((connection) => connection.rebuildTable(table, change))
  }

  /** An object whose every method runs `pick(connection)`'s method of that name on a connection borrowed for the call. */
  private routedMethods<Target extends object>(pick: (connection: BaseDriver) => Target): Target {
    return new Proxy({} as Target, {
      get: (_target, name) => (...args: unknown[]) => this.checkouts.withConnection((connection) => {
        const target = pick(connection) as Record<PropertyKey, (...args: unknown[]) => unknown>

        return target[name](...args)
      })
    })
  }

  private describing(): BaseDriver {
    return this.checkouts.describingConnection()
  }

  /** `statement` on the pinned connection, else on an idle one (synchronously when one is idle and the driver answers so), checked back in once it has answered. */
  private run<Result>(statement: (connection: BaseDriver) => Result | Promise<Result>): Result | Promise<Result> {
    const pinned = this.checkouts.pinned()

    if (pinned !== undefined) return statement(pinned)

    const idle = this.checkouts.takeIdle()

    if (idle === undefined) return this.checkouts.checkout().then((connection) => this.runOn(connection, statement))

    return this.runOn(idle, statement)
  }

  private runOn<Result>(connection: BaseDriver, statement: (connection: BaseDriver) => Result | Promise<Result>): Result | Promise<Result> {
    return afterSettled(() => statement(connection), () => this.checkouts.checkin(connection))
  }
}
