import {MissingDatabasePackageError} from "../base/errors.js"
import type {SqlJsConfig, SqlJsStatic} from "./sqljs-types.js"

const loaded = new Map<string, Promise<SqlJsStatic>>()

/**
 * sql.js's module, compiled once per config (the WASM is fetched and compiled on the first
 * call). A literal import("sql.js") so bundlers include it; it is an optional peer dependency
 * that only apps with a browser build install.
 */
export function loadSqlJs(config: SqlJsConfig = {}): Promise<SqlJsStatic> {
  const key = config.wasmBinary ? "binary" : String(config.locateFile ?? "")
  let pending = loaded.get(key)

  if (!pending) {
    pending = import("sql.js").then(
      (module) => {
        const initSqlJs = ((module as {default?: unknown}).default ?? module) as (config: SqlJsConfig) => Promise<SqlJsStatic>

        return initSqlJs(config)
      },
      (error: unknown) => {
        throw new MissingDatabasePackageError("SQLite in the browser needs the \"sql.js\" package, which is not installed (or was left out of the bundle). Install it with: npm install sql.js", "sql.js", {cause: error})
      }
    )
    pending.catch(() => loaded.delete(key))
    loaded.set(key, pending)
  }

  return pending
}
