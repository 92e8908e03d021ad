import type {DatabaseAdapter, DialectName} from "../base/adapter.js"
import BaseDriver, {type ExecuteResult, type Row} from "../base/base-driver.js"
import type {DriverConfig, DriverEnvironment} from "../base/driver-config.js"
import {DatabaseConfigurationError, DatabaseConnectionError} from "../base/errors.js"
import {exactIntegersInPlace, isPastSafeInteger} from "../base/exact-integers.js"
import {LruCache} from "../base/lru-cache.js"
import type {CompiledQuery} from "../base/query-compiler.js"
import type {TableRebuild} from "../base/table-rebuild.js"
import {sqliteAdapter} from "../sqlite/sqlite-adapter.js"
import {SqliteIntrospector} from "../sqlite/sqlite-introspector.js"
import {SqliteQueryCompiler} from "../sqlite/sqlite-query-compiler.js"
import {SqliteSchemaCompiler} from "../sqlite/sqlite-schema-compiler.js"
import {SqliteStructureDumper} from "../sqlite/sqlite-structure-dumper.js"
import {rebuildSqliteTable} from "../sqlite/sqlite-table-rebuilder.js"
import IndexedDbStore from "./indexeddb-store.js"
import {loadSqlJs} from "./load-sqljs.js"
import {translateSqlJsQueryError} from "./sqljs-error-translator.js"
import type {SqlJsConfig, SqlJsDatabase, SqlJsStatement, SqlJsValue} from "./sqljs-types.js"

const defaultStatementCacheSize = 200
const readOnlyStatement = /^\s*(select|explain)\b/i

interface CachedStatement {
  statement: SqlJsStatement
  names: string[]
  isInsert: boolean
}

export interface SqlJsDriverEnvironment extends DriverEnvironment {
  /** Passed to initSqlJs(): where the .wasm file is served. */
  sqlJs?: SqlJsConfig
}

/**
 * SQLite compiled to WASM (sql.js), for browsers: the same dialect as the better-sqlite3
 * driver (one query compiler, schema compiler, introspector and structure dump), so records,
 * queries and migrations run unchanged. The database lives in memory and, unless its name is
 * ":memory:", is saved to IndexedDB under its name after each write (a macrotask later, so a
 * burst of writes is saved once) and loaded from there on connect.
 */
export default class SqlJsDriver extends BaseDriver {
  private db: SqlJsDatabase | undefined
  private statements: LruCache<string, CachedStatement> | undefined
  private lastInsertRowid: SqlJsStatement | undefined
  private compiler = new SqliteQueryCompiler()
  private schemaCompiler = new SqliteSchemaCompiler(this.compiler, sqliteAdapter)
  private introspector = new SqliteIntrospector(this)
  private store: IndexedDbStore | undefined
  private persistTimer: ReturnType<typeof setTimeout> | undefined
  private persisting: Promise<void> = Promise.resolve()
  private dirty = false
  private persistError: unknown

  constructor(config: DriverConfig, environment: SqlJsDriverEnvironment = {}) {
    super(config, environment)
  }

  dialect(): DialectName { return "sqlite" }
  getAdapter(): DatabaseAdapter { return sqliteAdapter }
  getQueryCompiler(): SqliteQueryCompiler { return this.compiler }
  getSchemaCompiler(): SqliteSchemaCompiler { return this.schemaCompiler }
  getIntrospector(): SqliteIntrospector { return this.introspector }
  getStructureDumper(): SqliteStructureDumper { return new SqliteStructureDumper(this) }

  isConnected(): boolean {
    return this.db !== undefined
  }

  /** The sql.js Database, for what the common interface does not cover. */
  getRawConnection(): SqlJsDatabase | undefined {
    return this.db
  }

  /** The IndexedDB key this database is kept under; undefined for ":memory:". */
  storageKey(): string | undefined {
    const name = this.databaseName()

    return name === ":memory:" ? undefined : name
  }

  async connect(): Promise<void> {
    if (this.isConnected()) return

    const key = this.storageKey()

    if (key !== undefined && !IndexedDbStore.isAvailable()) {
      throw new DatabaseConnectionError(`The sql.js database '${key}' is kept in IndexedDB, which is not available here. Use name ":memory:" to run without keeping data`)
    }

    const SQL = await loadSqlJs((this.environment as SqlJsDriverEnvironment).sqlJs)

    this.store = key === undefined ? undefined : new IndexedDbStore()

    const saved = key === undefined ? undefined : await (this.store as IndexedDbStore).load(key)

    this.db = new SQL.Database(saved ?? null)
    this.afterOpen()
    this.connectionOpened()
  }

  /** Saves what is not saved yet and closes the database. */
  async close(): Promise<void> {
    if (!this.db) return

    await this.persist()
    this.freeStatements()
    this.db.close()
    this.db = undefined
    this.store?.close()
    this.store = undefined
  }

  /**
   * Resolves once every write so far is in IndexedDB (or rejects with why it could not be
   * saved). Writes are saved by themselves; await this before a reload that must keep them.
   */
  async persist(): Promise<void> {
    if (this.persistTimer !== undefined) {
      clearTimeout(this.persistTimer)
      this.persistTimer = undefined
      this.saveNow()
    }

    await this.persisting

    if (this.persistError !== undefined) {
      const error = this.persistError

      this.persistError = undefined

      throw error
    }
  }

  async executeScript(sql: string): Promise<void> {
    if (!this.db) throw this.notConnectedError()

    try {
      this.db.exec(sql)
    } catch (error) {
      throw this.translateQueryError(error, sql, [])
    }

    this.markDirty()
  }

  override async rebuildTable(table: string, change: (rebuild: TableRebuild) => void): Promise<void> {
    await rebuildSqliteTable({db: this, introspector: this.introspector, inTransaction: this.isInTransaction()}, table, change)
  }

  protected override beginTransactionSql(): string {
    return "BEGIN IMMEDIATE"
  }

  protected runQuery(compiled: CompiledQuery): Row[] {
    const cached = this.statement(compiled.sql)
    const rows: Row[] = []

    this.run(cached, compiled, (values) => { rows.push(this.toRow(cached, values)) })

    return rows
  }

  protected override runQueryFirst(compiled: CompiledQuery): Row | undefined {
    const cached = this.statement(compiled.sql)
    let first: Row | undefined

    this.run(cached, compiled, (values) => {
      first = this.toRow(cached, values)

      return false
    })

    return first
  }

  protected runExecute(compiled: CompiledQuery): ExecuteResult {
    const cached = this.statement(compiled.sql)
    let returned = 0

    this.run(cached, compiled, () => { returned++ })

    if (cached.names.length > 0) return {affectedRows: returned}

    const affectedRows = (this.db as SqlJsDatabase).getRowsModified()

    return cached.isInsert ? {affectedRows, insertId: this.readLastInsertRowid()} : {affectedRows}
  }

  protected translateQueryError(error: unknown, sql: string, params: readonly unknown[]): Error {
    return translateSqlJsQueryError(error, sql, params)
  }

  /** Binds, steps through every row (until `onRow` returns false) and resets, so the cached statement is ready again. */
  private run(cached: CachedStatement, compiled: CompiledQuery, onRow: (values: SqlJsValue[]) => void | false): void {
    const {statement} = cached

    try {
      statement.bind(compiled.params as SqlJsValue[])

      while (statement.step()) {
        if (onRow(exactValues(statement)) === false) break
      }
    } finally {
      statement.reset()
    }

    if (!readOnlyStatement.test(compiled.sql)) this.markDirty()
  }

  private toRow(cached: CachedStatement, values: SqlJsValue[]): Row {
    const row: Row = {}
    const names = cached.names

    for (let index = 0; index < names.length; index++) {
      // A result column named __proto__ must be an own property, as it is in a parsed JSON object.
      if (names[index] === "__proto__") Object.defineProperty(row, names[index], {value: values[index], enumerable: true, writable: true, configurable: true})
      else row[names[index]] = values[index]
    }

    return row
  }

  private readLastInsertRowid(): number | bigint {
    this.lastInsertRowid ||= (this.db as SqlJsDatabase).prepare("SELECT last_insert_rowid()")

    try {
      this.lastInsertRowid.step()

      return this.lastInsertRowid.get()[0] as number
    } finally {
      this.lastInsertRowid.reset()
    }
  }

  private statement(sql: string): CachedStatement {
    const statements = this.statements as LruCache<string, CachedStatement>
    let cached = statements.get(sql)

    if (!cached) {
      const statement = (this.db as SqlJsDatabase).prepare(sql)

      cached = {statement, names: statement.getColumnNames(), isInsert: /^\s*(insert|replace)\b/i.test(sql)}
      statements.set(sql, cached)
    }

    return cached
  }

  private afterOpen(): void {
    // Evicted statements are freed: sql.js keeps each one's memory in the WASM heap until then.
    this.statements = new LruCache(this.config.statementCacheSize ?? defaultStatementCacheSize, (cached) => cached.statement.free())
    ;(this.db as SqlJsDatabase).exec("PRAGMA foreign_keys = ON")
  }

  private freeStatements(): void {
    this.statements?.clear()
    this.lastInsertRowid?.free()
    this.lastInsertRowid = undefined
  }

  private markDirty(): void {
    if (!this.store) return

    this.dirty = true
    this.persistTimer ??= setTimeout(() => {
      this.persistTimer = undefined
      this.saveNow()
    }, 0)
  }

  /** Exports the database and queues the IndexedDB write. Inside a transaction it waits: COMMIT marks the database dirty again. */
  private saveNow(): void {
    const key = this.storageKey()

    if (!this.db || !this.store || key === undefined || !this.dirty || this.isInTransaction()) return

    // export() closes and reopens the database inside sql.js, which frees every prepared
    // statement and resets pragmas: the cache is dropped and foreign keys switched on again.
    this.freeStatements()

    const bytes = this.db.export()

    this.afterOpen()
    this.dirty = false

    const store = this.store

    this.persisting = this.persisting.then(() => store.save(key, bytes)).catch((error: unknown) => {
      this.persistError = error
      this.dirty = true
    })
  }

  private databaseName(): string {
    const name = this.config.name ?? this.config.database

    if (typeof name !== "string" || name === "") {
      throw new DatabaseConfigurationError("The sqlite database configuration needs `name`: in the browser, the key it is kept under in IndexedDB, or \":memory:\"")
    }

    return name
  }
}

/**
 * The current row's values, with integers past Number.MAX_SAFE_INTEGER as their exact text (as
 * the other drivers give them): sql.js reads integers as doubles, which rounds those, so a row
 * holding a double past the safe range is read again with BigInts. Until 2026-12 such values
 * came out rounded (9007199254740993 as 9007199254740992).
 */
function exactValues(statement: SqlJsStatement): SqlJsValue[] {
  const values = statement.get()

  for (let index = 0; index < values.length; index++) {
    const value = values[index]

    if (isPastSafeInteger(value) && Number.isInteger(value)) {
      const exact = statement.get(null, {useBigInt: true})

      exactIntegersInPlace(exact)

      return exact
    }
  }

  return values
}
