import type pg from "pg"
import type {DatabaseAdapter, DialectName} from "../base/adapter.js"
import BaseDriver, {type ExecuteResult, type Row} from "../base/base-driver.js"
import type {CompiledQuery} from "../base/query-compiler.js"
import {pgsqlAdapter} from "./pgsql-adapter.js"
import {connectPgsql} from "./pgsql-connect.js"
import {translatePgsqlQueryError} from "./pgsql-error-translator.js"
import {PgsqlIntrospector} from "./pgsql-introspector.js"
import {PgsqlQueryCompiler} from "./pgsql-query-compiler.js"
import {PgsqlSchemaCompiler} from "./pgsql-schema-compiler.js"
import {PgsqlStructureDumper} from "./pgsql-structure-dumper.js"

/**
 * PostgreSQL through `pg` (an optional peer dependency, imported on connect).
 * Values: booleans are sent and read as true/false; Dates are written as UTC text and the
 * session runs in UTC, so `timestamp` columns read back as the same instant (a Date).
 */
export default class PgsqlDriver extends BaseDriver {
  private client: pg.Client | undefined
  private connected = false
  private compiler = new PgsqlQueryCompiler()
  private schemaCompiler = new PgsqlSchemaCompiler(this.compiler, pgsqlAdapter)
  private introspector = new PgsqlIntrospector(this)

  dialect(): DialectName { return "pgsql" }
  getAdapter(): DatabaseAdapter { return pgsqlAdapter }
  getQueryCompiler(): PgsqlQueryCompiler { return this.compiler }
  getSchemaCompiler(): PgsqlSchemaCompiler { return this.schemaCompiler }
  getIntrospector(): PgsqlIntrospector { return this.introspector }
  getStructureDumper(): PgsqlStructureDumper { return new PgsqlStructureDumper(this, this.introspector) }

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
    await client?.end()
  }

  /** Without parameters pg uses the simple protocol, which runs several statements in one call. */
  async executeScript(sql: string): Promise<void> {
    try {
      await this.requireClient().query(sql)
    } catch (error) {
      throw this.wrapError(error, sql, [])
    }
  }

  protected async runQuery(compiled: CompiledQuery): Promise<Row[]> {
    const result = await this.requireClient().query({text: compiled.sql, values: compiled.params})

    return result.rows
  }

  protected async runExecute(compiled: CompiledQuery): Promise<ExecuteResult> {
    const result = await this.requireClient().query({text: compiled.sql, values: compiled.params})

    return {affectedRows: result.rowCount ?? 0}
  }

  protected translateQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
    return translatePgsqlQueryError(error, sql, params)
  }

  private requireClient(): pg.Client {
    if (!this.client || !this.connected) throw this.notConnectedError()

    return this.client
  }
}
