import type {DatabaseAdapter, DialectName} from "./adapter.js"
import {checkDriverConfig, type DriverConfig, type DriverEnvironment} from "./driver-config.js"
import {DatabaseConnectionLostError, DatabaseError, NotConnectedError, UnsupportedSchemaOperationError} from "./errors.js"
import {statementArgumentError} from "./statement-argument-error.js"
import type {Introspector, StructureDumper} from "./introspection-types.js"
import type {CompiledQuery, QueryCompiler} from "./query-compiler.js"
import type {SchemaCompiler} from "./schema-compiler.js"
import type {TableRebuild} from "./table-rebuild.js"

export type Row = Record<string, unknown>

export interface ExecuteResult {
  affectedRows: number
  /** The generated id of an INSERT where the dialect reports one (SQLite, MySQL); use RETURNING on PostgreSQL. */
  insertId?: number | bigint
}

/**
 * One connection to one database. Dialects implement connecting and running already-compiled
 * statements; everything users call (placeholders, value mapping, error wrapping, transactions)
 * lives here so it behaves the same on every dialect.
 *
 * A driver is one connection and serves one async flow at a time: pools hand connections out
 * per async context, which is what keeps transaction depth here meaningful.
 */
export default abstract class BaseDriver {
  readonly config: DriverConfig
  protected environment: DriverEnvironment
  private transactionDepth = 0
  // Registered with the depth they were made at, so a rolled-back savepoint drops its own.
  private commitCallbacks: {depth: number, callback: () => unknown}[] = []
  /** Why the server side went away, so later calls can say that instead of "call connect()". */
  private lostReason: string | undefined

  constructor(config: DriverConfig, environment: DriverEnvironment = {}) {
    checkDriverConfig(config, this.dialect())
    this.config = config
    this.environment = environment
  }

  abstract dialect(): DialectName
  abstract getAdapter(): DatabaseAdapter
  abstract getQueryCompiler(): QueryCompiler
  abstract getIntrospector(): Introspector
  abstract getStructureDumper(): StructureDumper
  abstract getSchemaCompiler(): SchemaCompiler
  abstract connect(): Promise<void>
  abstract close(): Promise<void>
  abstract isConnected(): boolean
  /** Runs several `;`-separated statements without parameters (structure dumps, setup scripts). */
  abstract executeScript(sql: string): Promise<void>

  // A synchronous driver (better-sqlite3) may return plain values: skipping a second async
  // function per statement is measurable on a loop of small statements.
  protected abstract runQuery(compiled: CompiledQuery): Row[] | Promise<Row[]>
  protected abstract runExecute(compiled: CompiledQuery): ExecuteResult | Promise<ExecuteResult>
  protected abstract translateQueryError(error: unknown, sql: string, params: readonly unknown[]): Error

  /** Rows as plain objects. `?` marks each value; values are always sent bound, never spliced into the SQL. */
  async query<Result extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<Result[]> {
    const rows = this.queryNow(sql, params)

    // Awaiting a plain value still costs a trip through the microtask queue per statement.
    return (rows instanceof Promise ? await rows : rows) as Result[]
  }

  /**
   * @internal query() for hot paths (find, save, loading rows): the rows themselves when the
   * dialect ran the statement synchronously (SQLite), a promise otherwise. A failure is thrown or
   * rejected, wrapped. A save or find in a loop otherwise pays for promises that carry values
   * already there. Every statement but executeScript()'s goes through queryNow(),
   * queryFirstNow() or executeNow() (query() and execute() too), so wrapping those three sees them all.
   */
  queryNow(sql: string, params: readonly unknown[]): Row[] | Promise<Row[]> {
    const compiled = this.compileConnected(sql, params, "query")
    let rows: Row[] | Promise<Row[]>

    try {
      rows = this.runQuery(compiled)
    } catch (error) {
      throw this.wrapError(error, sql, params)
    }

    return rows instanceof Promise ? this.settled(rows, sql, params) : rows
  }

  /**
   * @internal queryNow() for a statement known to give one row at most (a find by primary key,
   * an INSERT ... RETURNING): that row or undefined. SQLite reads it without making a list.
   */
  queryFirstNow(sql: string, params: readonly unknown[]): Row | undefined | Promise<Row | undefined> {
    const compiled = this.compileConnected(sql, params, "query")
    let rows: Row[] | Promise<Row[]>

    try {
      if (this.runQueryFirst) return this.runQueryFirst(compiled)

      rows = this.runQuery(compiled)
    } catch (error) {
      throw this.wrapError(error, sql, params)
    }

    return rows instanceof Promise ? this.settledFirst(rows, sql, params) : rows[0]
  }

  /** @internal execute() for hot paths; see queryNow(). */
  executeNow(sql: string, params: readonly unknown[]): ExecuteResult | Promise<ExecuteResult> {
    const compiled = this.compileConnected(sql, params, "execute")
    let result: ExecuteResult | Promise<ExecuteResult>

    try {
      result = this.runExecute(compiled)
    } catch (error) {
      throw this.wrapError(error, sql, params)
    }

    return result instanceof Promise ? this.settled(result, sql, params) : result
  }

  /** Awaited (not chained with then()) so a wrapped error's stack keeps the caller's async frames. */
  private async settled<Result>(pending: Promise<Result>, sql: string, params: readonly unknown[]): Promise<Result> {
    try {
      return await pending
    } catch (error) {
      throw this.wrapError(error, sql, params)
    }
  }

  private async settledFirst(pending: Promise<Row[]>, sql: string, params: readonly unknown[]): Promise<Row | undefined> {
    try {
      return (await pending)[0]
    } catch (error) {
      throw this.wrapError(error, sql, params)
    }
  }

  /** One row at most, read synchronously; a dialect that can do that without making a list defines it (SQLite). */
  protected runQueryFirst?(compiled: CompiledQuery): Row | undefined

  /** For statements run for their effect: how many rows changed and, where reported, the inserted id. */
  async execute(sql: string, params: readonly unknown[] = []): Promise<ExecuteResult> {
    const result = this.executeNow(sql, params)

    return result instanceof Promise ? await result : result
  }

  quoteIdentifier(name: string): string {
    return this.getQueryCompiler().quoteIdentifier(name)
  }

  isInTransaction(): boolean {
    return this.transactionDepth > 0
  }

  /**
   * Runs `callback` once the outermost transaction commits, or right away outside one; a
   * rollback discards it. Errors it throws are reported, never raised into the committed work.
   */
  async afterCommit(callback: () => unknown): Promise<void> {
    if (this.transactionDepth === 0) {
      await callback()

      return
    }

    this.commitCallbacks.push({depth: this.transactionDepth, callback})
  }

  /**
   * Commits when `callback` resolves, rolls back and rethrows when it throws. A nested call
   * runs inside a SAVEPOINT, so its failure undoes only its own work.
   */
  async transaction<Result>(callback: () => Result | Promise<Result>): Promise<Result> {
    const depth = this.transactionDepth
    const savepoint = `velocious_savepoint_${depth}`

    await this.execute(depth === 0 ? this.beginTransactionSql() : `SAVEPOINT ${savepoint}`)
    this.transactionDepth++

    try {
      const result = await callback()

      await this.execute(depth === 0 ? "COMMIT" : `RELEASE SAVEPOINT ${savepoint}`)

      if (depth === 0) {
        const callbacks = this.commitCallbacks.splice(0)

        for (const {callback} of callbacks) runCommitCallback(callback)
      }

      return result
    } catch (error) {
      this.commitCallbacks = this.commitCallbacks.filter((each) => each.depth <= depth)

      try {
        if (depth === 0) {
          await this.execute("ROLLBACK")
        } else {
          await this.execute(`ROLLBACK TO SAVEPOINT ${savepoint}`)
          await this.execute(`RELEASE SAVEPOINT ${savepoint}`)
        }
      } catch (rollbackError) {
        // The original error is what the caller needs; a failed rollback (e.g. the connection
        // dropped) rides along as its cause chain would hide it.
        (error as {rollbackError?: unknown}).rollbackError = rollbackError
      }

      throw error
    } finally {
      this.transactionDepth = depth
    }
  }

  protected beginTransactionSql(): string {
    return "BEGIN"
  }

  /**
   * SQLite alters columns by copying the table; dialects that alter in place never need this,
   * and the schema statements only call it when `supportsAlterColumn` is false.
   */
  async rebuildTable(table: string, _change: (rebuild: TableRebuild) => void): Promise<void> {
    throw new UnsupportedSchemaOperationError(`The ${this.dialect()} driver alters ${table} in place and has no table rebuild`)
  }

  /**
   * Dialects call this when their client reports the connection gone ('error'/'end' events, or a
   * statement failing with a connection-level error). Subclasses also drop their connected flag.
   */
  protected connectionLost(reason: string): void {
    this.lostReason ??= reason
  }

  /** A fresh connect() starts over: the previous loss no longer describes this driver. */
  protected connectionOpened(): void {
    this.lostReason = undefined
  }

  private compileConnected(sql: string, params: readonly unknown[], method: "query" | "execute"): CompiledQuery {
    // From plain JavaScript the types do not stop query({sql, values}) or query(sql, 5); said here,
    // before the compiler or the driver fails on it with a TypeError that names neither.
    if (typeof sql !== "string" || !Array.isArray(params)) throw statementArgumentError(method, sql, params)
    if (!this.isConnected()) throw this.notConnectedError()

    return this.getQueryCompiler().compile(sql, params)
  }

  protected notConnectedError(): NotConnectedError {
    if (this.lostReason !== undefined) {
      return new NotConnectedError(`The ${this.dialect()} connection was lost (${this.lostReason}); take a fresh connection from the pool (pool.withConnection) or call await driver.connect() to reopen this one`)
    }

    return new NotConnectedError(`The ${this.dialect()} driver is not connected; call await driver.connect() before running SQL`)
  }

  protected wrapError(error: unknown, sql: string, params: readonly unknown[]): Error {
    // Already ours (a NotConnectedError from the dialect, a query error from a nested call).
    if (error instanceof DatabaseError) return error

    const translated = this.translateQueryError(error, sql, params)

    // Marked here rather than when the socket's 'end' arrives a tick later: the pool checks
    // isConnected() the moment the callback settles, and must not hand this connection on.
    if (translated instanceof DatabaseConnectionLostError) this.connectionLost(error instanceof Error ? error.message : String(error))

    return translated
  }
}

function runCommitCallback(callback: () => unknown): void {
  Promise.resolve().then(callback).catch((error: unknown) => {
    console.error("An afterCommit callback failed:", error)
  })
}
