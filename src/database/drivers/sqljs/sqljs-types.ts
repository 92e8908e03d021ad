// The part of sql.js's API the driver uses, declared here so velocious's own .d.ts files do not
// need @types/sql.js in an app that never runs SQLite in a browser.

export type SqlJsValue = number | string | Uint8Array | bigint | null

export interface SqlJsStatement {
  bind(values?: SqlJsValue[]): boolean
  step(): boolean
  /** With `useBigInt`, integers are BigInts (exact) rather than doubles; null params read the current row again. */
  get(params?: SqlJsValue[] | null, options?: {useBigInt?: boolean}): SqlJsValue[]
  getColumnNames(): string[]
  reset(): void
  free(): boolean
}

export interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement
  exec(sql: string): unknown
  getRowsModified(): number
  export(): Uint8Array
  close(): void
}

export interface SqlJsStatic {
  Database: new (data?: Uint8Array | null) => SqlJsDatabase
}

/** What initSqlJs() takes: `locateFile` says where sql-wasm.wasm is served (default: next to the page). */
export interface SqlJsConfig {
  locateFile?: (file: string, prefix: string) => string
  wasmBinary?: ArrayBuffer | Uint8Array
}
