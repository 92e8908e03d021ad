import type pg from "pg"
import type {DriverConfig, DriverEnvironment} from "../base/driver-config.js"
import {loadPeerDependency} from "../base/load-peer-dependency.js"
import {parseStoredDate} from "../base/parse-date.js"
import {translatePgsqlConnectError} from "./pgsql-error-translator.js"

type PgModule = typeof pg

const timestampWithoutTimeZoneOid = 1114
const int8Oid = 20
const jsonOid = 114
const jsonbOid = 3802

/**
 * Type parsing per connection (not pg's process-wide `types`): timestamps without a zone
 * are UTC (what the driver writes), and bigints fit a JS number when they safely can. json
 * and jsonb stay their JSON text, as SQLite and MariaDB give them: records parse it
 * (castFromDatabase()), and a value parsed here as well would be parsed twice: a stored JSON
 * string "123" would read back as the number 123.
 */
function typeParsers(pgModule: PgModule) {
  return {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === timestampWithoutTimeZoneOid) return (value: string) => parseStoredDate(value) ?? new Date(`${value.replace(" ", "T")}Z`)
      if (oid === jsonOid || oid === jsonbOid) return keepText
      if (oid === int8Oid) {
        return (value: string) => {
          const number = Number(value)

          return Number.isSafeInteger(number) ? number : value
        }
      }

      return pgModule.types.getTypeParser(oid, format as "text")
    }
  }
}

const keepText = (value: string) => value

export async function connectPgsql(config: DriverConfig, environment: DriverEnvironment): Promise<pg.Client> {
  const pgModule = await loadPeerDependency<PgModule>({specifier: "pg", packageName: "pg", databaseType: "pgsql", importer: environment.importModule})
  const client = new pgModule.Client({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    database: config.database,
    ssl: config.ssl as pg.ClientConfig["ssl"],
    connectionTimeoutMillis: config.connectTimeoutMs ?? 10_000,
    types: typeParsers(pgModule),
    ...config.clientOptions
  })

  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw translatePgsqlConnectError(error, config)
  }

  return client
}
