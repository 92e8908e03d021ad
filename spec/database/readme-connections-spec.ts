import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import {dropAllTables, testDatabases} from "./support/test-databases.js"

// The README's "Connections" example, as written, on every database.
for (const {dialect, config, skip} of testDatabases) {
  describe(`README connections example - ${dialect}`, {skip}, () => {
    let configuration: Configuration

    beforeEach(async () => {
      configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: {...config}}}})
      await configuration.ensureConnections(async ({default: db}) => {
        await dropAllTables(db)
        await new SchemaStatements(db).createTable("tasks", (t) => {
          t.string("name")
          t.timestamps()
        })
      })
    })

    afterEach(async () => {
      await configuration.ensureConnections(async ({default: db}) => { await dropAllTables(db) })
      await configuration.closeDatabaseConnections()
    })

    it("inserts in a transaction with a nested savepoint and queries with bound values", async () => {
      let rows: unknown[] = []

      await configuration.ensureConnections(async () => {
        const db = configuration.getDatabasePool("default").getCurrentConnection()

        await db.transaction(async () => {
          await db.execute("INSERT INTO tasks (name, created_at, updated_at) VALUES (?, ?, ?)", ["Task 1", new Date(), new Date()])

          await expect(db.transaction(async () => {
            await db.execute("INSERT INTO tasks (name, created_at, updated_at) VALUES (?, ?, ?)", ["Task 2", new Date(), new Date()])
            throw new Error("undo only the nested work")
          })).rejects.toThrow("undo only the nested work")
        })

        rows = await db.query("SELECT id, name FROM tasks WHERE name = ?", ["Task 1"])
      })

      expect(rows).toEqual([{id: expect.anything(), name: "Task 1"}])

      const count = await configuration.getDatabasePool("default").withConnection(async (db) => db.query("SELECT COUNT(*) AS count FROM tasks"))

      expect(Number((count[0] as {count: unknown}).count)).toBe(1)
      expect(await configuration.getDatabasePool("default").withConnection(async (db) => db.query("SELECT 1 AS one"))).toEqual([{one: 1}])
    })
  })
}
