import type pg from "pg"
import type {DatabaseAdapter, DialectName} from "../base/adapter.js"
import BaseDriver, {type ExecuteResult, type Row} from "../base/base-driver.js"
import type {DriverConfig, DriverEnvironment} from "../base/driver-config.js"
import type {CompiledQuery} from "../base/query-compiler.js"
import {pgsqlAdapter} from "./pgsql-adapter.js"
import {connectPgsql} from "./pgsql-connect.js"
import {invalidatesPreparedStatements, translatePgsqlQueryError} from "./pgsql-error-translator.js"
import {PgsqlIntrospector} from "./pgsql-introspector.js"
import {defaultPgsqlStatementCacheSize, PgsqlPreparedStatements} from "./pgsql-prepared-statements.js"
import {PgsqlQueryCompiler} from "./pgsql-query-compiler.js"
import {bumpPgsqlSchemaGeneration} from "./pgsql-schema-generation.js"
import {PgsqlSchemaCompiler} from "./pgsql-schema-compiler.js"
import {changesSchema, endsTransaction, scriptChangesSchema} from "./pgsql-statement-kind.js"
import {PgsqlStructureDumper} from "./pgsql-structure-dumper.js"

const rowsOf = (result: pg.QueryResult): Row[] => result.rows
const affectedRowsOf = (result: pg.QueryResult): ExecuteResult => ({affectedRows: result.rowCount ?? 0})

/**
 * PostgreSQL through `pg` (an optional peer dependency, imported on connect).
 * Values: booleans are sent and read as true/false; Dates are written as UTC text and the
 * session runs in UTC, so `timestamp` columns read back as the same instant (a Date).
 *
 * Statements with values run as named server-side prepared statements (see
 * PgsqlPreparedStatements), so a repeated one skips PostgreSQL's parsing;
 * `preparedStatements: false` sends them unnamed (for PgBouncer in transaction mode).
 */
export default class PgsqlDriver extends BaseDriver {
  private client: pg.Client | undefined
  private connected = false
  private preparedStatements: PgsqlPreparedStatements | undefined
  /** DDL ran inside the open transaction; a ROLLBACK would put the old columns back under statements prepared since. */
  private schemaChangedInTransaction = false
  /** A statement of this connection is in flight; the others wait in waitingStatements (see oneAtATime). */
  private querying = false
  private readonly waitingStatements: (() => void)[] = []
  private compiler = new PgsqlQueryCompiler()
  private schemaCompiler = new PgsqlSchemaCompiler(this.compiler, pgsqlAdapter)
  private introspector = new PgsqlIntrospector(this)

  dialect(): DialectName { return "pgsql" }
  getAdapter(): DatabaseAdapter { return pgsqlAdapter }
  getQueryCompiler(): PgsqlQueryCompiler { return this.compiler }
  getSchemaCompiler(): PgsqlSchemaCompiler { return this.schemaCompiler }
  getIntrospector(): PgsqlIntrospector { return this.introspector }
  getStructureDumper(): PgsqlStructureDumper { return new PgsqlStructureDumper(this, this.introspector) }

  constructor(config: DriverConfig, environment?: DriverEnvironment) {
    super(config, environment)

    // Checked here rather than on connect, where a bad value would leave an open client behind.
    if (config.preparedStatements !== undefined && typeof config.preparedStatements !== "boolean") {
      throw new TypeError(`preparedStatements in the pgsql database configuration must be true or false, got ${JSON.stringify(config.preparedStatements)}`)
    }
  }

  isConnected(): boolean {
    return this.connected
  }

  getRawConnection(): pg.Client | undefined {
    return this.client
  }

  async connect(): Promise<void> {
    if (this.connected) return

    const client = await connectPgsql(this.config, this.environment)
    // A client dropped earlier and replaced by this connect() may still emit 'end' late; only
    // the current client's events describe this driver.
    const lost = (reason: string) => { if (this.client === client) this.connectionLost(reason) }

    // Without an 'error' listener a dropped connection is an unhandled event that kills the process.
    client.on("error", (error) => lost(error.message))
    client.on("end", () => lost("the server closed the connection"))
    this.client?.end().catch(() => undefined)
    this.client = client
    this.connected = true
    this.schemaChangedInTransaction = false
    // pg refuses custom queries such as the statement closer in its pipeline mode.
    this.preparedStatements = this.config.preparedStatements === false || (client as {pipeline?: boolean}).pipeline
      ? undefined
      : new PgsqlPreparedStatements(client, this.config.statementCacheSize ?? defaultPgsqlStatementCacheSize)
    this.connectionOpened()

    await this.executeScript("SET TIME ZONE 'UTC'")
    if (this.config.schema) await this.executeScript(`SET search_path TO ${this.quoteIdentifier(this.config.schema)}`)
  }

  protected override connectionLost(reason: string): void {
    this.connected = false
    super.connectionLost(reason)
  }

  async close(): Promise<void> {
    const client = this.client

    this.connected = false
    this.client = undefined
    this.preparedStatements = undefined
    await client?.end()
  }

  /** Without parameters pg uses the simple protocol, which runs several statements in one call. */
  async executeScript(sql: string): Promise<void> {
    const client = this.requireClient()
    const schemaChange = scriptChangesSchema(sql) && this.noteSchemaChange()

    try {
      await this.oneAtATime<void>((resolve, reject) => { client.query(sql).then(() => resolve(), reject) })
    } catch (error) {
      throw this.wrapError(error, sql, [])
    } finally {
      if (schemaChange) bumpPgsqlSchemaGeneration()
    }
  }

  protected runQuery(compiled: CompiledQuery): Promise<Row[]> {
    return this.send(compiled, rowsOf)
  }

  protected runExecute(compiled: CompiledQuery): Promise<ExecuteResult> {
    return this.send(compiled, affectedRowsOf)
  }

  /**
   * pg's callback form: one promise per statement, where its promise form makes two and an async
   * function around it a third. The stale-statement recovery only runs on the error path.
   */
  private send<Result>(compiled: CompiledQuery, read: (result: pg.QueryResult) => Result): Promise<Result> {
    const client = this.requireClient()
    const {sql, params} = compiled
    const statements = this.preparedStatements
    // DDL takes no bound values, so only statements without any need a look for it.
    const name = params.length > 0 ? statements?.nameFor(sql) : undefined
    const schemaChange = params.length === 0 && this.schemaChangeFrom(sql)

    return this.oneAtATime((resolve, reject) => {
      client.query({name, text: sql, values: params}, (error: Error | null, result: pg.QueryResult) => {
        // Again once done: other connections may have re-prepared against the old columns meanwhile.
        if (schemaChange) bumpPgsqlSchemaGeneration()

        if (!error) {
          resolve(read(result))
        } else if (name === undefined || !statements || !invalidatesPreparedStatements(error)) {
          reject(error)
        } else {
          this.retryUnprepared(client, statements, error, sql, params, read).then(resolve, reject)
        }
      })
    })
  }

  /**
   * Sends one statement once no other statement of this connection is in flight, in call order.
   * Two statements on one connection at once (Promise.all inside a transaction, say) would
   * otherwise rely on pg's own queue, which pg 8 warns about and pg 9 removes. `send` gets
   * resolve and reject for the statement's answer; the next statement starts once either is
   * called (or `send` throws).
   */
  private oneAtATime<Result>(send: (resolve: (value: Result) => void, reject: (error: unknown) => void) => void): Promise<Result> {
    return new Promise((resolve, reject) => {
      const start = () => {
        const release = () => {
          const next = this.waitingStatements.shift()

          if (next) next()
          else this.querying = false
        }

        try {
          send((value) => { release(); resolve(value) }, (error) => { release(); reject(error) })
        } catch (error) {
          release()
          reject(error)
        }
      }

      if (this.querying) {
        this.waitingStatements.push(start)
      } else {
        this.querying = true
        start()
      }
    })
  }

  /**
   * A prepared statement failed because the server's copy went stale (another process changed its
   * table's columns) or went away. Every statement prepared on this connection may be stale too, so
   * all are dropped. Outside a transaction the failed statement had no effect and runs again,
   * prepared afresh; inside one the transaction is already aborted and only the caller can rerun it
   * (the translated error says so).
   */
  private async retryUnprepared<Result>(
    client: pg.Client, statements: PgsqlPreparedStatements, error: Error, sql: string, params: unknown[], read: (result: pg.QueryResult) => Result
  ): Promise<Result> {
    // Waiting for the close keeps pg's queue to one query at a time (it warns about more).
    await new Promise<void>((resolve) => statements.dropAll(resolve))

    if (this.isInTransaction()) throw error

    return read(await client.query({name: statements.nameFor(sql), text: sql, values: params}))
  }

  /**
   * For a statement without values: whether the schema generation must move once it is done. DDL
   * moves it before too, so statements queued behind it on this connection are prepared afresh;
   * the end of a transaction that ran DDL moves it after (see schemaChangedInTransaction).
   */
  private schemaChangeFrom(sql: string): boolean {
    if (changesSchema(sql)) return this.noteSchemaChange()

    if (this.schemaChangedInTransaction && endsTransaction(sql)) {
      this.schemaChangedInTransaction = false

      return true
    }

    return false
  }

  private noteSchemaChange(): true {
    bumpPgsqlSchemaGeneration()
    if (this.isInTransaction()) this.schemaChangedInTransaction = true

    return true
  }

  protected translateQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
    return translatePgsqlQueryError(error, sql, params)
  }

  private requireClient(): pg.Client {
    if (!this.client || !this.connected) throw this.notConnectedError()

    return this.client
  }
}
