import type mysql from "mysql2/promise"
import type {DriverConfig, DriverEnvironment} from "../base/driver-config.js"
import {loadPeerDependency} from "../base/load-peer-dependency.js"
import {translateMysqlConnectError} from "./mysql-error-translator.js"

type Mysql2Module = typeof mysql

const defaultMysqlStatementCacheSize = 1000

export async function connectMysql(config: DriverConfig, environment: DriverEnvironment): Promise<mysql.Connection> {
  const mysql2 = await loadPeerDependency<Mysql2Module>({specifier: "mysql2/promise", packageName: "mysql2", databaseType: "mysql", importer: environment.importModule})

  try {
    return await mysql2.createConnection({
      host: config.host,
      port: config.port,
      user: config.username,
      password: config.password,
      database: config.database,
      ssl: config.ssl as mysql.ConnectionOptions["ssl"],
      connectTimeout: config.connectTimeoutMs ?? 10_000,
      charset: "utf8mb4",
      // DATETIME has no zone; the driver writes UTC, so it reads as UTC too.
      timezone: "Z",
      // MySQL's JSON columns as their text, as MariaDB's (LONGTEXT) and the other databases'
      // are: records parse it (castFromDatabase()), and parsing here too would parse twice.
      jsonStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      // mysql2 keeps every statement with values prepared on the server (16000 per connection
      // by default), and the server refuses more than max_prepared_stmt_count (16382) for all
      // sessions together: a few connections running many different statements (IN lists and
      // bulk inserts of every length) would reach it. The least recently used are closed.
      maxPreparedStatements: config.statementCacheSize ?? defaultMysqlStatementCacheSize,
      // mysql2/promise otherwise captures a stack trace on every statement for the rare error;
      // the driver wraps errors in its own, whose stack has the caller's async frames.
      trace: false,
      ...config.clientOptions
    })
  } catch (error) {
    throw translateMysqlConnectError(error, config)
  }
}
