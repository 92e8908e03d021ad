import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import {connectDriver, dropAllTables, testDatabases} from "./support/test-databases.js"

// Any RFC 4122 version: MariaDB's uuid() makes version 1, the others version 4.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

for (const {dialect, config, skip} of testDatabases) {
  describe(`uuid primary keys - ${dialect}`, {skip}, () => {
    let db: BaseDriver

    beforeEach(async () => {
      db = await connectDriver(config)
      await dropAllTables(db)
      await new SchemaStatements(db).createTable("uuid_items", {id: {type: "uuid"}}, (t) => {
        t.string("title", {null: false})
      })
    })

    afterEach(async () => {
      await dropAllTables(db)
      await db.close()
    })

    it("fills the id on insert when none is given", async () => {
      await db.execute("INSERT INTO uuid_items (title) VALUES (?)", ["first"])
      await db.execute("INSERT INTO uuid_items (title) VALUES (?)", ["second"])

      const rows = await db.query<{id: string}>("SELECT id FROM uuid_items ORDER BY title")

      expect(rows).toHaveLength(2)
      for (const row of rows) expect(String(row.id)).toMatch(uuidPattern)
      expect(rows[0].id).not.toEqual(rows[1].id)
    })

    it("keeps an id given on insert", async () => {
      const id = "7f1c2a8e-0b3d-4c5e-9f6a-1b2c3d4e5f60"

      await db.execute("INSERT INTO uuid_items (id, title) VALUES (?, ?)", [id, "given"])
      expect((await db.query<{id: string}>("SELECT id FROM uuid_items"))[0].id).toBe(id)
    })
  })
}
