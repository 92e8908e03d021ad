import fs from "node:fs"
import path from "node:path"
import type Database from "better-sqlite3"
import {DatabaseConfigurationError, DatabaseConnectionError, MissingDatabasePackageError} from "../base/errors.js"
import type {DriverConfig} from "../base/driver-config.js"
import {sqliteFilePath} from "./sqlite-file-path.js"
import {openBetterSqlite3, SqliteNativeBindingError} from "./load-better-sqlite3.js"
import {sleepSynchronously} from "../../../utils/sleep-synchronously.js"

/**
 * SQLite has no server-side database to create: like Rails and the sqlite3 CLI, the first
 * connection makes the file and, when missing, its folder (`db/` in a hand-written app).
 */
function ensureDatabaseDirectory(file: string): void {
  const directory = path.dirname(file)

  try {
    fs.mkdirSync(directory, {recursive: true})
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code

    throw new DatabaseConnectionError(`Could not create the SQLite database directory ${directory} (for ${file}): ${code ?? (error as Error).message}. Check the folder's permissions or \`name\` in the database configuration`, {cause: error})
  }
}

// better-sqlite3's default busy timeout: how long any statement waits for another connection's lock.
const lockWaitMs = 5000
const lockRetryMs = 10

/**
 * WAL is a property of the file, so a database that has it is left alone: re-issuing the
 * pragma would need no lock, but reading the mode first keeps the common case one statement.
 * Switching needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without its busy
 * handler, while another connection holds a write lock; the workers of a cluster all open the
 * database at boot, so one worker's switch is another's write lock. The switch is retried
 * (synchronously: opening a connection is) for as long as a statement would wait for a lock.
 */
function switchToWriteAheadLog(db: Database.Database, file: string): void {
  const giveUpAt = Date.now() + lockWaitMs

  for (;;) {
    try {
      if (db.pragma("journal_mode", {simple: true}) === "wal") return

      db.pragma("journal_mode = WAL")

      return
    } catch (error) {
      if ((error as {code?: unknown}).code !== "SQLITE_BUSY") throw error

      if (Date.now() >= giveUpAt) {
        db.close()

        throw new DatabaseConnectionError(`Could not switch the SQLite database ${file} to WAL mode: another connection held a lock on it for ${lockWaitMs / 1000} s. Stop whatever else is writing to the file (a long transaction, another tool with it open) and start again`, {cause: error})
      }

      sleepSynchronously(lockRetryMs)
    }
  }
}

/** Opens the configured file (created if missing, like Rails) in WAL mode with foreign keys enforced. */
export function openSqliteDatabase(config: DriverConfig, appDirectory: string): Database.Database {
  const name = config.name ?? config.database

  if (typeof name !== "string" || name === "") {
    throw new DatabaseConfigurationError("The sqlite database configuration needs `name`: a name (stored as db/<name>.sqlite), a file path, or \":memory:\"")
  }

  const file = sqliteFilePath(name, appDirectory)

  if (file !== ":memory:") ensureDatabaseDirectory(file)

  let db: Database.Database

  try {
    db = openBetterSqlite3(file)
  } catch (error) {
    if (error instanceof SqliteNativeBindingError || error instanceof MissingDatabasePackageError) throw error

    throw new DatabaseConnectionError(`Could not open the SQLite database ${file}: ${(error as Error).message}. Check \`name\` in the database configuration and the file's permissions`, {cause: error})
  }

  // WAL lets readers run while a writer commits; it does not apply to in-memory databases.
  if (file !== ":memory:") switchToWriteAheadLog(db, file)
  db.pragma("foreign_keys = ON")

  return db
}
