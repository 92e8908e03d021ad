import type Database from "better-sqlite3"
import type {DatabaseAdapter, DialectName} from "../base/adapter.js"
import BaseDriver, {type ExecuteResult, type Row} from "../base/base-driver.js"
import {LruCache} from "../base/lru-cache.js"
import type {CompiledQuery} from "../base/query-compiler.js"
import type {TableRebuild} from "../base/table-rebuild.js"
import {sqliteAdapter} from "./sqlite-adapter.js"
import {callWithValues} from "./call-with-values.js"
import {SqliteRowReader} from "./sqlite-row-reader.js"
import {openSqliteDatabase} from "./sqlite-connect.js"
import {translateSqliteQueryError} from "./sqlite-error-translator.js"
import {SqliteIntrospector} from "./sqlite-introspector.js"
import {SqliteQueryCompiler} from "./sqlite-query-compiler.js"
import {SqliteSchemaCompiler} from "./sqlite-schema-compiler.js"
import {SqliteStructureDumper} from "./sqlite-structure-dumper.js"
import {rebuildSqliteTable} from "./sqlite-table-rebuilder.js"

const defaultStatementCacheSize = 200

interface CachedStatement {
  statement: Database.Statement
  isInsert: boolean
  /** For statements that return rows (SELECT, ... RETURNING). */
  reader: SqliteRowReader | undefined
}

/**
 * better-sqlite3 is synchronous; the async methods keep one interface across dialects.
 * Values: booleans are stored as 1/0 and read back as 1/0, Dates as UTC
 * `YYYY-MM-DD HH:MM:SS.mmm` text and read back as that text (records cast by column type).
 */
export default class SqliteDriver extends BaseDriver {
  private db: Database.Database | undefined
  private statements: LruCache<string, CachedStatement> | undefined
  private compiler = new SqliteQueryCompiler()
  private schemaCompiler = new SqliteSchemaCompiler(this.compiler, sqliteAdapter)
  private introspector = new SqliteIntrospector(this)

  dialect(): DialectName { return "sqlite" }
  getAdapter(): DatabaseAdapter { return sqliteAdapter }
  getQueryCompiler(): SqliteQueryCompiler { return this.compiler }
  getSchemaCompiler(): SqliteSchemaCompiler { return this.schemaCompiler }
  getIntrospector(): SqliteIntrospector { return this.introspector }
  getStructureDumper(): SqliteStructureDumper { return new SqliteStructureDumper(this) }

  isConnected(): boolean {
    return this.db?.open === true
  }

  /** The better-sqlite3 handle, for what the common interface does not cover (user functions, backups). */
  getRawConnection(): Database.Database | undefined {
    return this.db
  }

  async connect(): Promise<void> {
    if (this.isConnected()) return

    this.db = openSqliteDatabase(this.config, this.environment.appDirectory ?? process.cwd())
    this.statements = new LruCache(this.config.statementCacheSize ?? defaultStatementCacheSize)
  }

  async close(): Promise<void> {
    this.statements?.clear()
    this.db?.close()
    this.db = undefined
  }

  async executeScript(sql: string): Promise<void> {
    const db = this.db

    if (!db) throw new Error("The sqlite driver is not connected; call await driver.connect() first")

    try {
      db.exec(sql)
    } catch (error) {
      throw this.translateQueryError(error, sql, [])
    }
  }

  override async rebuildTable(table: string, change: (rebuild: TableRebuild) => void): Promise<void> {
    await rebuildSqliteTable({db: this, introspector: this.introspector, inTransaction: this.isInTransaction()}, table, change)
  }

  protected override beginTransactionSql(): string {
    // Takes the write lock up front: a deferred transaction that later writes can fail with
    // SQLITE_BUSY in WAL mode instead of waiting for the busy timeout.
    return "BEGIN IMMEDIATE"
  }

  protected runQuery(compiled: CompiledQuery): Row[] {
    const {statement, reader} = this.statement(compiled.sql)

    if (!reader) {
      callWithValues(statement.run, statement, compiled.params)

      return []
    }

    return reader.all(compiled.params)
  }

  /** get() steps once, where all() steps to the end and makes a list: a find by key reads one row. */
  protected override runQueryFirst(compiled: CompiledQuery): Row | undefined {
    const {statement, reader} = this.statement(compiled.sql)

    if (!reader) {
      callWithValues(statement.run, statement, compiled.params)

      return undefined
    }

    return reader.get(compiled.params)
  }

  protected runExecute(compiled: CompiledQuery): ExecuteResult {
    const {statement, isInsert} = this.statement(compiled.sql)

    if (statement.reader) {
      // INSERT ... RETURNING is a reader; its rows are the changed rows.
      const rows = callWithValues(statement.all, statement, compiled.params)

      return {affectedRows: rows.length}
    }

    const result = callWithValues(statement.run, statement, compiled.params)

    return isInsert ? {affectedRows: result.changes, insertId: result.lastInsertRowid} : {affectedRows: result.changes}
  }

  protected translateQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
    return translateSqliteQueryError(error, sql, params)
  }

  private statement(sql: string): CachedStatement {
    const statements = this.statements as LruCache<string, CachedStatement>
    let cached = statements.get(sql)

    if (!cached) {
      // Whether it is an INSERT is decided once per statement, not by a regex on every run.
      const statement = (this.db as Database.Database).prepare(sql)

      cached = {statement, isInsert: /^\s*(insert|replace)\b/i.test(sql), reader: statement.reader ? new SqliteRowReader(statement) : undefined}
      statements.set(sql, cached)
    }

    return cached
  }
}
