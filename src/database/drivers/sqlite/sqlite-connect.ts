import fs from "node:fs"
import path from "node:path"
import type Database from "better-sqlite3"
import {DatabaseConfigurationError, DatabaseConnectionError, DatabaseNotFoundError, MissingDatabasePackageError} from "../base/errors.js"
import type {DriverConfig} from "../base/driver-config.js"
import {sqliteFilePath} from "./sqlite-file-path.js"
import {openBetterSqlite3, SqliteNativeBindingError} from "./load-better-sqlite3.js"

/** Opens the configured file (created if missing, like Rails) in WAL mode with foreign keys enforced. */
export function openSqliteDatabase(config: DriverConfig, appDirectory: string): Database.Database {
  const name = config.name ?? config.database

  if (typeof name !== "string" || name === "") {
    throw new DatabaseConfigurationError("The sqlite database configuration needs `name`: a name (stored as db/<name>.sqlite), a file path, or \":memory:\"")
  }

  const file = sqliteFilePath(name, appDirectory)

  if (file !== ":memory:" && !fs.existsSync(path.dirname(file))) {
    throw new DatabaseNotFoundError(`The SQLite database directory ${path.dirname(file)} does not exist (for ${file}). Create it with \`npx velocious db:create\` or check \`name\` in the database configuration`)
  }

  let db: Database.Database

  try {
    db = openBetterSqlite3(file)
  } catch (error) {
    if (error instanceof SqliteNativeBindingError || error instanceof MissingDatabasePackageError) throw error

    throw new DatabaseConnectionError(`Could not open the SQLite database ${file}: ${(error as Error).message}. Check \`name\` in the database configuration and the file's permissions`, {cause: error})
  }

  // WAL lets readers run while a writer commits; it does not apply to in-memory databases.
  if (file !== ":memory:") db.pragma("journal_mode = WAL")
  db.pragma("foreign_keys = ON")

  return db
}
