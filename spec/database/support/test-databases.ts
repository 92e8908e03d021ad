import net from "node:net"
import Configuration from "velocious/build/src/configuration.js"
import type {DialectName} from "velocious/build/src/database/drivers/base/adapter.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig, DriverEnvironment} from "velocious/build/src/database/drivers/base/driver-config.js"
import {driverClassFor} from "velocious/build/src/database/drivers/driver-class-for.js"

export interface TestDatabase {
  dialect: DialectName
  config: DriverConfig
  /** Why this dialect's suites are skipped, or false when they run. */
  skip: false | string
}

const env = process.env
const allDialects: DialectName[] = ["sqlite", "pgsql", "mysql"]

function setting(dialect: string, key: string, fallback: string): string {
  return env[`VELOCIOUS_TEST_${dialect.toUpperCase()}_${key}`] ?? fallback
}

export function baseConfig(dialect: DialectName): DriverConfig {
  if (dialect === "sqlite") return {type: "sqlite", name: ":memory:"}

  const mysql = dialect === "mysql"

  return {
    type: dialect,
    host: setting(dialect, "HOST", "127.0.0.1"),
    port: Number(setting(dialect, "PORT", mysql ? "3306" : "5432")),
    username: setting(dialect, "USERNAME", mysql ? "root" : "postgres"),
    password: setting(dialect, "PASSWORD", ""),
    database: setting(dialect, "DATABASE", "velocious_test")
  }
}

function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({host, port})
    const done = (result: boolean) => {
      socket.destroy()
      resolve(result)
    }

    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

function requestedDialects(): DialectName[] {
  const list = env.VELOCIOUS_TEST_DATABASES

  if (!list) return allDialects

  const dialects = list.split(",").map((each) => each.trim()).filter(Boolean)

  for (const dialect of dialects) {
    if (!(allDialects as string[]).includes(dialect)) throw new Error(`VELOCIOUS_TEST_DATABASES names unknown dialect "${dialect}"; use a comma list of ${allDialects.join(", ")}`)
  }

  return dialects as DialectName[]
}

async function resolveTestDatabases(): Promise<TestDatabase[]> {
  const explicit = Boolean(env.VELOCIOUS_TEST_DATABASES)
  // Without the variable, a server that does not answer is simply not part of the default set,
  // but it still shows up as skipped so nobody mistakes "not run" for "passed".
  const required = env.VELOCIOUS_REQUIRE_ALL_DATABASES === "1"
  const databases: TestDatabase[] = []

  for (const dialect of requestedDialects()) {
    const config = baseConfig(dialect)
    let skip: false | string = false

    if (dialect !== "sqlite" && !(await answers(config.host as string, config.port as number))) {
      // With VELOCIOUS_REQUIRE_ALL_DATABASES=1 the suites run anyway and fail on connect, naming host:port.
      if (!required) skip = `no ${dialect} server answers at ${config.host}:${config.port}${explicit ? "" : " (set VELOCIOUS_REQUIRE_ALL_DATABASES=1 to make that a failure)"}`
    }

    databases.push({dialect, config, skip})
  }

  return databases
}

export const testDatabases = await resolveTestDatabases()

export async function connectDriver(config: DriverConfig, environment?: DriverEnvironment): Promise<BaseDriver> {
  const Driver = await driverClassFor(config)
  const driver = new Driver(config, environment)

  await driver.connect()

  return driver
}

/** Drops every table in the driver's database/schema, so each test starts from nothing. */
export async function dropAllTables(driver: BaseDriver): Promise<void> {
  const tables = await driver.getIntrospector().tables()
  const dialect = driver.dialect()

  if (dialect === "mysql") await driver.execute("SET FOREIGN_KEY_CHECKS = 0")
  if (dialect === "sqlite") await driver.execute("PRAGMA foreign_keys = OFF")

  for (const table of tables) {
    await driver.execute(`DROP TABLE ${driver.quoteIdentifier(table)}${dialect === "pgsql" ? " CASCADE" : ""}`)
  }

  if (dialect === "mysql") await driver.execute("SET FOREIGN_KEY_CHECKS = 1")
  if (dialect === "sqlite") await driver.execute("PRAGMA foreign_keys = ON")
}

/**
 * A second, empty database of the same dialect: an in-memory SQLite, a PostgreSQL schema,
 * or a MySQL database next to the test one. `drop()` removes it.
 */
export async function freshDatabase(main: BaseDriver, dialect: DialectName): Promise<{driver: BaseDriver, drop: () => Promise<void>}> {
  const config = baseConfig(dialect)

  if (dialect === "sqlite") {
    const driver = await connectDriver(config)

    return {driver, drop: () => driver.close()}
  }

  if (dialect === "pgsql") {
    await main.execute("DROP SCHEMA IF EXISTS velocious_fresh CASCADE")
    await main.execute("CREATE SCHEMA velocious_fresh")

    const driver = await connectDriver({...config, schema: "velocious_fresh"})

    return {driver, drop: async () => {
      await driver.close()
      await main.execute("DROP SCHEMA IF EXISTS velocious_fresh CASCADE")
    }}
  }

  const name = `${config.database}_fresh`

  await main.execute(`DROP DATABASE IF EXISTS ${main.quoteIdentifier(name)}`)
  await main.execute(`CREATE DATABASE ${main.quoteIdentifier(name)}`)

  const driver = await connectDriver({...config, database: name})

  return {driver, drop: async () => {
    await driver.close()
    await main.execute(`DROP DATABASE IF EXISTS ${main.quoteIdentifier(name)}`)
  }}
}

/** A test configuration on one dialect with a global connection ready, and that connection. */
export async function connectTestConfiguration(config: DriverConfig): Promise<{configuration: Configuration, db: BaseDriver}> {
  const configuration = new Configuration({environment: "test", database: {test: {default: config}}})

  await configuration.ensureGlobalConnections()

  return {configuration, db: configuration.getDatabasePool().getCurrentConnection()}
}
