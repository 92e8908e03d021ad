import type {DatabaseAdapter} from "../base/adapter.js"

export const sqliteAdapter: DatabaseAdapter = Object.freeze({
  dialect: "sqlite",
  supportsReturning: true,
  transactionalDdl: true,
  // SQLITE_MAX_VARIABLE_NUMBER since 3.32
  maxBindParameters: 32766,
  // SQLite has no limit; this keeps names portable to PostgreSQL (63)
  maxIdentifierLength: 63,
  supportsAlterColumn: false,
  nativeBooleans: false,
  literalLimit: true,
  typedResultColumns: false
})
