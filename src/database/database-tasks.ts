import fs from "node:fs/promises"
import path from "node:path"
import type BaseDriver from "./drivers/base/base-driver.js"
import type {DriverConfig} from "./drivers/base/driver-config.js"
import {DatabaseConfigurationError} from "./drivers/base/errors.js"
import {driverClassFor} from "./drivers/driver-class-for.js"
import {sqliteFilePath} from "./drivers/sqlite/sqlite-file-path.js"

export type DatabaseTaskResult = "created" | "dropped" | "exists" | "missing" | "in-memory"

function databaseName(config: DriverConfig): string {
  const name = config.database ?? config.name

  if (typeof name !== "string" || name === "") throw new DatabaseConfigurationError(`The ${config.type} database configuration needs \`database\`: the name of the database`)

  return name
}

/** A connection to the server itself (PostgreSQL's maintenance database, MySQL without a database), for CREATE/DROP DATABASE. */
async function withServerConnection<Result>(config: DriverConfig, callback: (db: BaseDriver) => Promise<Result>): Promise<Result> {
  const DriverClass = await driverClassFor(config)
  const serverConfig: DriverConfig = config.type === "pgsql" ? {...config, database: "postgres"} : {...config, database: undefined}
  const db = new DriverClass(serverConfig)

  await db.connect()

  try {
    return await callback(db)
  } finally {
    await db.close()
  }
}

async function sqliteFile(config: DriverConfig, appDirectory: string): Promise<string> {
  return sqliteFilePath(String(config.name ?? config.database ?? ""), appDirectory)
}

/** CREATE DATABASE (or the SQLite file), doing nothing when it exists. */
export async function createDatabase(config: DriverConfig, appDirectory: string): Promise<DatabaseTaskResult> {
  if (config.type === "sqlite") {
    const file = await sqliteFile(config, appDirectory)

    if (file === ":memory:") return "in-memory"
    if (await fs.stat(file).then(() => true, () => false)) return "exists"

    await fs.mkdir(path.dirname(file), {recursive: true})
    await fs.writeFile(file, "")

    return "created"
  }

  const name = databaseName(config)

  return await withServerConnection(config, async (db) => {
    if (config.type === "pgsql") {
      const rows = await db.query("SELECT 1 AS found FROM pg_database WHERE datname = ?", [name])

      if (rows.length > 0) return "exists"

      await db.execute(`CREATE DATABASE ${db.quoteIdentifier(name)}`)

      return "created"
    }

    const rows = await db.query("SELECT 1 AS found FROM information_schema.schemata WHERE schema_name = ?", [name])

    if (rows.length > 0) return "exists"

    await db.execute(`CREATE DATABASE ${db.quoteIdentifier(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)

    return "created"
  })
}

/** DROP DATABASE (or delete the SQLite file and its WAL files), doing nothing when it is missing. */
export async function dropDatabase(config: DriverConfig, appDirectory: string): Promise<DatabaseTaskResult> {
  if (config.type === "sqlite") {
    const file = await sqliteFile(config, appDirectory)

    if (file === ":memory:") return "in-memory"
    if (!await fs.stat(file).then(() => true, () => false)) return "missing"

    await Promise.all(["", "-wal", "-shm"].map((suffix) => fs.rm(`${file}${suffix}`, {force: true})))

    return "dropped"
  }

  const name = databaseName(config)

  return await withServerConnection(config, async (db) => {
    const existsSql = config.type === "pgsql"
      ? "SELECT 1 AS found FROM pg_database WHERE datname = ?"
      : "SELECT 1 AS found FROM information_schema.schemata WHERE schema_name = ?"

    if ((await db.query(existsSql, [name])).length === 0) return "missing"

    await db.execute(`DROP DATABASE ${db.quoteIdentifier(name)}`)

    return "dropped"
  })
}
