import type {DatabaseAdapter} from "../base/adapter.js"

export const pgsqlAdapter: DatabaseAdapter = Object.freeze({
  dialect: "pgsql",
  supportsReturning: true,
  transactionalDdl: true,
  // The wire protocol counts parameters in an Int16
  maxBindParameters: 65535,
  // NAMEDATALEN - 1; longer names are silently truncated, so they are refused instead
  maxIdentifierLength: 63,
  supportsAlterColumn: true,
  nativeBooleans: true,
  literalLimit: false,
  typedResultColumns: true
})
