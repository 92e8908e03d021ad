import {describe, it, expect, beforeAll, afterAll} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Record from "velocious/build/src/database/record/index.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import {testDatabases} from "./support/test-databases.js"

class ScopedNote extends Record {}

ScopedNote.scope("open", (query) => query.where({status: "open"}))
ScopedNote.scope("titled", function(query, title: string) { return this.where({title}) })

for (const {dialect, config, skip} of testDatabases) {
  describe(`named scopes - ${dialect}`, {skip}, () => {
    let configuration: Configuration

    beforeAll(async () => {
      configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: {...config}}}})
      await configuration.ensureGlobalConnections()

      const schema = new SchemaStatements(configuration.getDatabasePool().getCurrentConnection())

      await schema.dropTable("scoped_notes", {ifExists: true})
      await schema.createTable("scoped_notes", (t) => {
        t.string("title")
        t.string("status")
      })
      await ScopedNote.initializeRecord({configuration})
      await ScopedNote.create({title: "a", status: "open"})
      await ScopedNote.create({title: "b", status: "open"})
      await ScopedNote.create({title: "a", status: "closed"})
    })

    afterAll(async () => {
      await new SchemaStatements(configuration.getDatabasePool().getCurrentConnection()).dropTable("scoped_notes", {ifExists: true})
      await configuration.closeDatabaseConnections()
    })

    it("is callable on the model and chains with other scopes and queries", async () => {
      const model = ScopedNote as typeof ScopedNote & {open(): any}

      expect(await model.open().count()).toBe(2)
      expect(await model.open().titled("a").count()).toBe(1)
      expect(await (ScopedNote.where({title: "a"}) as any).open().count()).toBe(1)
      expect(await ScopedNote.all().count()).toBe(3)
    })

    it("wraps its work in Model.transaction", async () => {
      await expect(ScopedNote.transaction(async () => {
        await ScopedNote.create({title: "rolled back", status: "open"})
        throw new Error("undo")
      })).rejects.toThrow("undo")

      expect(await ScopedNote.where({title: "rolled back"}).count()).toBe(0)
    })
  })
}

describe("named scopes - definition", () => {
  it("refuses names of built-in query methods", () => {
    expect(() => ScopedNote.scope("where", (query) => query)).toThrow("the name is taken by a built-in method")
  })
})
