import {createRequire} from "node:module"
import type BetterSqlite3 from "better-sqlite3"
import {DatabaseConnectionError, MissingDatabasePackageError} from "../base/errors.js"

/** better-sqlite3 is installed, but its compiled part (better_sqlite3.node) is missing or built for another Node. */
export class SqliteNativeBindingError extends DatabaseConnectionError {
  override name = "SqliteNativeBindingError"
}

/** How to build the binding; `velocious init` prints the same advice when its own check fails. */
export const nativeBindingAdvice = [
  "Run `npm rebuild better-sqlite3` in your app folder to build it (it compiles SQLite: a minute or two).",
  "Building needs Python 3, make and a C++ compiler (Debian/Ubuntu: `apt-get install python3 make g++`; macOS: `xcode-select --install`;",
  "Windows: Visual Studio Build Tools with \"Desktop development with C++\").",
  "Keep \"allowScripts\": {\"better-sqlite3\": true} in package.json: npm 11 flags install scripts it was not allowed to run, and later versions skip them."
].join(" ")

// The ways loading a compiled addon fails: not built (bindings), built for another Node
// (NODE_MODULE_VERSION) or another platform, or a broken/partial file.
const nativeBindingFailure = /Could not locate the bindings file|NODE_MODULE_VERSION|better_sqlite3\.node|invalid ELF header|wrong ELF class|not a valid Win32 application|Exec format error|mach-o/i

export function isNativeBindingFailure(error: unknown): boolean {
  return error instanceof Error && ((error as {code?: unknown}).code === "ERR_DLOPEN_FAILED" || nativeBindingFailure.test(error.message))
}

/** The loader's message on one line; `bindings` follows its first sentence with every path it tried, which is left out. */
export function bindingFailureSummary(message: string): string {
  const summary = message.split(/\s*Tried:/)[0].replace(/\s+/g, " ").replace(/[.\s]+$/, "")

  return summary.length > 300 ? `${summary.slice(0, 300)}...` : summary
}

let loaded: typeof BetterSqlite3 | undefined

function loadBetterSqlite3(): typeof BetterSqlite3 {
  if (loaded) return loaded

  try {
    // better-sqlite3 is CommonJS; require keeps opening a database synchronous.
    loaded = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3
  } catch (error) {
    if ((error as {code?: unknown}).code === "MODULE_NOT_FOUND" && (error as Error).message.includes("better-sqlite3")) {
      throw new MissingDatabasePackageError("The \"sqlite\" database type needs the \"better-sqlite3\" package, which is not installed. Install it with: npm install better-sqlite3", "better-sqlite3", {cause: error})
    }

    throw error
  }

  return loaded
}

/** `new Database(file)`, with a missing package or an unloadable native binding explained instead of a bare loader error. */
export function openBetterSqlite3(file: string): BetterSqlite3.Database {
  const Database = loadBetterSqlite3()

  try {
    // The binding loads on the first `new Database`, so this is where a bad build shows.
    return new Database(file)
  } catch (error) {
    if (!isNativeBindingFailure(error)) throw error

    throw new SqliteNativeBindingError(`better-sqlite3's native binding does not load under Node ${process.version} (${bindingFailureSummary((error as Error).message)}). ${nativeBindingAdvice}`, {cause: error})
  }
}
