import type {DatabaseAdapter} from "../base/adapter.js"

/** MariaDB 10.5+ has INSERT ... RETURNING, MySQL does not; the driver reads the server version on connect. */
export function mysqlAdapter(serverVersion: string | undefined): DatabaseAdapter {
  const mariadb = /mariadb/i.test(serverVersion || "")
  const [major, minor] = (serverVersion || "").split(/[.-]/).map(Number)
  const supportsReturning = mariadb && (major > 10 || (major === 10 && minor >= 5))

  return Object.freeze({
    dialect: "mysql",
    supportsReturning,
    // DDL commits the open transaction implicitly
    transactionalDdl: false,
    maxBindParameters: 65535,
    maxIdentifierLength: 64,
    supportsAlterColumn: true,
    nativeBooleans: false,
    literalLimit: false,
    typedResultColumns: true
  })
}

export function isMariadb(serverVersion: string | undefined): boolean {
  return /mariadb/i.test(serverVersion || "")
}
