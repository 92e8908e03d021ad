import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import {DatabaseConnectionError, ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError} from "velocious/build/src/database/drivers/base/errors.js"
import SqlJsDriver from "velocious/build/src/database/drivers/sqljs/index.js"
import {InvalidMigrationNameError, bundledMigrations} from "velocious/build/src/database/migrator/bundled-migrations.js"
import {DuplicateMigrationVersionError} from "velocious/build/src/database/migrator/migration-file.js"
import BrowserEnvironmentHandler from "velocious/build/src/environment-handlers/browser.js"
import Configuration from "velocious/build/src/configuration.js"

// sql.js runs under Node too (without IndexedDB), so the driver's own behaviour is checked here
// quickly; spec/browser/records-in-chromium-spec.ts runs it in Chromium with IndexedDB.
describe("sql.js driver (under Node, in memory)", () => {
  let db: SqlJsDriver

  beforeEach(async () => {
    db = new SqlJsDriver({type: "sqlite", name: ":memory:", statementCacheSize: 2})
    await db.connect()
    await db.executeScript("CREATE TABLE projects (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255) NOT NULL UNIQUE); CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, project_id INTEGER REFERENCES projects (id))")
  })

  afterEach(async () => {
    await db.close()
  })

  it("reports the inserted id and changed rows, and reads RETURNING rows", async () => {
    expect(await db.execute("INSERT INTO projects (name) VALUES (?)", ["one"])).toEqual({affectedRows: 1, insertId: 1})
    expect(await db.query("INSERT INTO projects (name) VALUES (?) RETURNING id, name", ["two"])).toEqual([{id: 2, name: "two"}])
    expect(await db.execute("UPDATE projects SET name = name || ?", ["!"])).toEqual({affectedRows: 2})
    expect(await db.query("SELECT name FROM projects ORDER BY id")).toEqual([{name: "one!"}, {name: "two!"}])
  })

  it("reads integers past 2^53 as their exact text, as better-sqlite3, pg and mysql2 do, and safe ones as numbers", async () => {
    await db.executeScript("CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER)")
    await db.execute("INSERT INTO counters (id, value) VALUES (1, ?), (2, ?), (3, ?)", ["9007199254740993", "-9223372036854775808", 42])

    expect(await db.query("SELECT value FROM counters ORDER BY id")).toEqual([{value: "9007199254740993"}, {value: "-9223372036854775808"}, {value: 42}])
    expect(await db.query("INSERT INTO counters (id, value) VALUES (4, ?) RETURNING id, value", ["4611686018427387904"])).toEqual([{id: 4, value: "4611686018427387904"}])
  })

  it("turns SQLite's constraint messages into the same error classes as better-sqlite3's codes", async () => {
    await db.execute("INSERT INTO projects (name) VALUES (?)", ["one"])

    await expect(db.execute("INSERT INTO projects (name) VALUES (?)", ["one"])).rejects.toThrow(UniqueConstraintError)
    await expect(db.execute("INSERT INTO projects (name) VALUES (?)", [null])).rejects.toThrow(NotNullConstraintError)
    // Foreign keys are on (the Chromium spec checks they stay on after a save to IndexedDB).
    await expect(db.execute("INSERT INTO tasks (project_id) VALUES (?)", [99])).rejects.toThrow(ForeignKeyConstraintError)
  })

  it("keeps working when statements are evicted from its cache (they are freed in the WASM heap)", async () => {
    for (let index = 0; index < 5; index++) {
      await db.execute(`INSERT INTO projects (name) VALUES (? || '${index}')`, ["p"])
      expect(await db.query(`SELECT count(*) AS n${index} FROM projects`)).toEqual([{[`n${index}`]: index + 1}])
    }
  })

  it("refuses a named database where IndexedDB does not exist, rather than losing its data on close", async () => {
    const named = new SqlJsDriver({type: "sqlite", name: "my-app"})

    await expect(named.connect()).rejects.toThrow(DatabaseConnectionError)
    await expect(named.connect()).rejects.toThrow("The sql.js database 'my-app' is kept in IndexedDB, which is not available here. Use name \":memory:\" to run without keeping data")
  })
})

describe("BrowserEnvironmentHandler", () => {
  it("runs migrations and models given to it, on sql.js with one shared connection", async () => {
    const configuration = new Configuration({
      environment: "test",
      database: {test: {default: {type: "sqlite", name: ":memory:"}}},
      logging: {console: false, file: false},
      environmentHandler: new BrowserEnvironmentHandler({
        migrations: {
          "./migrations/20261123120000-create-notes.js": {default: class {
            constructor(readonly args: {db: {execute(sql: string): Promise<unknown>}}) {}
            async up() { await this.args.db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)") }
          }}
        }
      })
    })

    try {
      const source = configuration.getEnvironmentHandler().getMigrationSource({configuration})

      expect((await source.findMigrations()).map(({version, name, file}) => ({version, name, file}))).toEqual([{version: "20261123120000", name: "create-notes", file: "20261123120000-create-notes.js"}])

      const pool = configuration.getDatabasePool()

      expect(pool.constructor.name).toBe("SingleConnectionPool")
      await configuration.ensureConnections(async ({default: connection}) => {
        expect(connection).toBeInstanceOf(SqlJsDriver)
        expect(pool.getCurrentConnection()).toBe(connection)
      })
    } finally {
      await configuration.close()
    }
  })

  it("says what is wrong with bundled migrations and other databases in the browser", async () => {
    expect(() => bundledMigrations({"create-notes.js": {}})).toThrow(InvalidMigrationNameError)
    expect(() => bundledMigrations({"a/20261123120000-one.js": {}, "b/20261123120000-two.js": {}})).toThrow(DuplicateMigrationVersionError)
    expect(() => new BrowserEnvironmentHandler({migration: {}} as never)).toThrow("migration")
    await expect(new BrowserEnvironmentHandler().getDriverClass({type: "pgsql"})).rejects.toThrow("The \"pgsql\" database type does not run in the browser: use type \"sqlite\" (sql.js) there, or talk to the server's database through the backend")
  })
})
