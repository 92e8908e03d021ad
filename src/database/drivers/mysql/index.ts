import type mysql from "mysql2/promise"
import type {DatabaseAdapter, DialectName} from "../base/adapter.js"
import BaseDriver, {type ExecuteResult, type Row} from "../base/base-driver.js"
import type {CompiledQuery} from "../base/query-compiler.js"
import {isMariadb, mysqlAdapter} from "./mysql-adapter.js"
import {connectMysql} from "./mysql-connect.js"
import {translateMysqlQueryError} from "./mysql-error-translator.js"
import {MysqlIntrospector} from "./mysql-introspector.js"
import {MysqlQueryCompiler} from "./mysql-query-compiler.js"
import {MysqlSchemaCompiler} from "./mysql-schema-compiler.js"
import {MysqlStructureDumper} from "./mysql-structure-dumper.js"

/**
 * MySQL and MariaDB through `mysql2` (an optional peer dependency, imported on connect).
 * Statements with values run as server-side prepared statements (mysql2 caches them per
 * connection), so values are never interpolated into SQL text.
 * Values: booleans are sent as 1/0 and read as 1/0; Dates are written as UTC text and read
 * back as Dates (UTC). DDL commits any open transaction: MySQL has no transactional DDL.
 */
export default class MysqlDriver extends BaseDriver {
  private connection: mysql.Connection | undefined
  private connected = false
  private serverVersion: string | undefined
  private adapter = mysqlAdapter(undefined)
  private compiler = new MysqlQueryCompiler()
  private schemaCompiler = new MysqlSchemaCompiler(this.compiler, this.adapter)
  private introspector = new MysqlIntrospector(this, () => isMariadb(this.serverVersion))

  dialect(): DialectName { return "mysql" }
  getAdapter(): DatabaseAdapter { return this.adapter }
  getQueryCompiler(): MysqlQueryCompiler { return this.compiler }
  getSchemaCompiler(): MysqlSchemaCompiler { return this.schemaCompiler }
  getIntrospector(): MysqlIntrospector { return this.introspector }
  getStructureDumper(): MysqlStructureDumper { return new MysqlStructureDumper(this, this.introspector) }

  isConnected(): boolean {
    return this.connected
  }

  getRawConnection(): mysql.Connection | undefined {
    return this.connection
  }

  async connect(): Promise<void> {
    if (this.connected) return

    const connection = await connectMysql(this.config, this.environment)
    // A connection dropped earlier and replaced by this connect() may still emit 'end' late;
    // only the current connection's events describe this driver.
    const lost = (reason: string) => { if (this.connection === connection) this.connectionLost(reason) }

    // Without an 'error' listener a dropped connection is an unhandled event that kills the process.
    connection.on("error", (error: Error) => lost(error.message))
    connection.on("end", () => lost("the server closed the connection"))
    this.connection?.end().catch(() => undefined)
    this.connection = connection
    this.connected = true
    this.connectionOpened()

    await this.executeScript("SET time_zone = '+00:00'")

    const [version] = await this.query<{version: string}>("SELECT VERSION() AS version")

    this.serverVersion = version.version
    this.adapter = mysqlAdapter(this.serverVersion)
    this.schemaCompiler = new MysqlSchemaCompiler(this.compiler, this.adapter)
  }

  protected override connectionLost(reason: string): void {
    this.connected = false
    super.connectionLost(reason)
  }

  async close(): Promise<void> {
    const connection = this.connection

    this.connected = false
    this.connection = undefined
    await connection?.end()
  }

  /** One statement per call: multipleStatements stays off so a spliced string can never chain statements. */
  async executeScript(sql: string): Promise<void> {
    for (const statement of this.compiler.splitStatements(sql)) {
      try {
        await this.requireConnection().query(statement)
      } catch (error) {
        throw this.wrapError(error, statement, [])
      }
    }
  }

  protected async runQuery(compiled: CompiledQuery): Promise<Row[]> {
    const result = await this.run(compiled)

    return Array.isArray(result) ? result as Row[] : []
  }

  protected async runExecute(compiled: CompiledQuery): Promise<ExecuteResult> {
    const result = await this.run(compiled)

    if (Array.isArray(result)) return {affectedRows: result.length}

    const header = result as mysql.ResultSetHeader

    return header.insertId ? {affectedRows: header.affectedRows, insertId: header.insertId} : {affectedRows: header.affectedRows}
  }

  protected translateQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
    return translateMysqlQueryError(error, sql, params)
  }

  private async run(compiled: CompiledQuery): Promise<unknown> {
    const connection = this.requireConnection()
    // Statements without values use the text protocol: some (SAVEPOINT, LOCK TABLES) cannot be prepared.
    const [result] = compiled.params.length > 0
      ? await connection.execute(compiled.sql, compiled.params as mysql.ExecuteValues)
      : await connection.query(compiled.sql)

    return result
  }

  private requireConnection(): mysql.Connection {
    if (!this.connection || !this.connected) throw this.notConnectedError()

    return this.connection
  }
}
