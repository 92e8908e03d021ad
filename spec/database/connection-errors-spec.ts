import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {
  DatabaseAccessDeniedError, DatabaseConnectionError, DatabaseNotFoundError, MissingDatabasePackageError
} from "velocious/build/src/database/drivers/base/errors.js"
import {UnknownOptionError} from "velocious/build/src/utils/check-keys.js"
import {baseConfig, connectDriver, testDatabases} from "./support/test-databases.js"
import SqliteDriver from "velocious/build/src/database/drivers/sqlite/index.js"
import PgsqlDriver from "velocious/build/src/database/drivers/pgsql/index.js"
import MysqlDriver from "velocious/build/src/database/drivers/mysql/index.js"

/** What a missing optional package looks like to the driver: Node's ERR_MODULE_NOT_FOUND. */
function missingPackage(specifier: string) {
  return async () => {
    const error = new Error(`Cannot find package '${specifier}' imported from /app/node_modules/velocious`) as Error & {code: string}

    error.code = "ERR_MODULE_NOT_FOUND"
    throw error
  }
}

describe("drivers - missing peer packages", () => {
  it("names pg and the install command when it is missing", async () => {
    const driver = new PgsqlDriver(baseConfig("pgsql"), {importModule: missingPackage("pg")})

    await expect(driver.connect()).rejects.toThrow(MissingDatabasePackageError)
    await expect(driver.connect()).rejects.toThrow("The \"pgsql\" database type needs the \"pg\" package, which is not installed. Install it with: npm install pg")
  })

  it("names mysql2 and the install command when it is missing", async () => {
    const driver = new MysqlDriver(baseConfig("mysql"), {importModule: missingPackage("mysql2/promise")})

    await expect(driver.connect()).rejects.toThrow("Install it with: npm install mysql2")
  })

  it("passes other import failures through unchanged", async () => {
    const driver = new PgsqlDriver(baseConfig("pgsql"), {importModule: async () => { throw new SyntaxError("broken package") }})

    await expect(driver.connect()).rejects.toThrow("broken package")
  })
})

describe("drivers - configuration", () => {
  it("rejects unknown configuration keys by name", () => {
    expect(() => new SqliteDriver({type: "sqlite", name: ":memory:", hots: "x"} as never)).toThrow(UnknownOptionError)
    expect(() => new PgsqlDriver({type: "pgsql", hots: "x"} as never)).toThrow("Unknown option 'hots' given to the pgsql database configuration. Did you mean 'host'?")
  })

  it("resolves SQLite names to db/<name>.sqlite in the app directory", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-sqlite-"))

    fs.mkdirSync(path.join(directory, "db"))

    const driver = new SqliteDriver({type: "sqlite", name: "app_test"}, {appDirectory: directory})

    await driver.connect()

    const [mode] = await driver.query<{journal_mode: string}>("PRAGMA journal_mode")

    expect(mode.journal_mode).toBe("wal")
    expect(fs.existsSync(path.join(directory, "db", "app_test.sqlite"))).toBe(true)
    await driver.close()
    fs.rmSync(directory, {recursive: true, force: true})
  })

  it("creates a missing SQLite directory on the first connection, as Rails does", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-sqlite-"))
    const driver = new SqliteDriver({type: "sqlite", name: "app_test"}, {appDirectory: directory})

    await driver.connect()
    await driver.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    await driver.close()

    expect(fs.existsSync(path.join(directory, "db", "app_test.sqlite"))).toBe(true)
    fs.rmSync(directory, {recursive: true, force: true})
  })

  it("names the path when the SQLite directory cannot be created", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-sqlite-"))

    // A file where the folder should be fails even for root, unlike missing write permission.
    fs.writeFileSync(path.join(directory, "db"), "not a folder")

    const driver = new SqliteDriver({type: "sqlite", name: "app_test"}, {appDirectory: directory})

    await expect(driver.connect()).rejects.toThrow(DatabaseConnectionError)
    await expect(driver.connect()).rejects.toThrow(`Could not create the SQLite database directory ${path.join(directory, "db")} (for ${path.join(directory, "db", "app_test.sqlite")}): EEXIST`)
    fs.rmSync(directory, {recursive: true, force: true})
  })
})

for (const database of testDatabases.filter((each) => each.dialect !== "sqlite")) {
  describe(`drivers - ${database.dialect} - connection errors`, {skip: database.skip}, () => {
    it("names host:port and the keys to check when the server is unreachable", async () => {
      const config = {...database.config, host: "127.0.0.1", port: 1}
      const error = await connectDriver(config).catch((caught: unknown) => caught)

      expect(error).toBeInstanceOf(DatabaseConnectionError)
      expect((error as Error).message).toContain("127.0.0.1:1")
      expect((error as Error).message).toContain("Check `host` and `port`")
    })

    it("suggests db:create when the database does not exist", async () => {
      const error = await connectDriver({...database.config, database: "velocious_no_such_database"}).catch((caught: unknown) => caught)

      expect(error).toBeInstanceOf(DatabaseNotFoundError)
      expect((error as Error).message).toContain("\"velocious_no_such_database\" does not exist")
      expect((error as Error).message).toContain("npx velocious db:create")
    })

    it("says access was denied for a bad login", async () => {
      const error = await connectDriver({...database.config, username: "velocious_no_such_user", password: "wrong"}).catch((caught: unknown) => caught)

      expect(error).toBeInstanceOf(DatabaseAccessDeniedError)
      expect((error as Error).message).toContain("denied access for user \"velocious_no_such_user\"")
      expect((error as Error).message).toContain("Check `username` and `password`")
    })
  })
}
