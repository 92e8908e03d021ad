import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {UnknownColumnTypeError} from "velocious/build/src/database/drivers/base/errors.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import {connectDriver, dropAllTables, freshDatabase, testDatabases} from "./support/test-databases.js"

async function createReadmeSchema(schema: SchemaStatements): Promise<void> {
  await schema.createTable("tasks", (t) => {
    t.string("name", {default: "it's \"new\"", null: false})
    t.timestamps()
  })
  await schema.createTable("uuid_items", {id: {type: "uuid"}}, (t) => {
    t.string("title", {null: false})
    t.timestamps()
  })
  await schema.createTable("users", (t) => {
    t.string("email", {limit: 100, unique: true})
  })
  await schema.createTable("examples", (t) => {
    t.bigint("count")
    t.blob("payload")
    t.boolean("published", {default: false})
    t.datetime("published_at")
    t.integer("position", {default: 3})
    t.json("metadata")
    t.string("name", {index: true})
    t.text("body")
    t.tinyint("priority")
    t.uuid("uuid_column")
    t.references("user")
    t.timestamps()
  })
  await schema.createTable("task_translations", (t) => {
    t.references("task", {foreignKey: {onDelete: "cascade"}, null: false})
    t.string("locale", {null: false})
    t.string("name")
    t.timestamps()
  })
  await schema.addIndex("task_translations", ["task_id", "locale"], {unique: true})
}

async function describeSchema(db: BaseDriver) {
  const introspector = db.getIntrospector()
  const tables: Record<string, unknown> = {}

  for (const table of await introspector.tables()) {
    tables[table] = {
      columns: await introspector.columns(table),
      indexes: await introspector.indexes(table),
      foreignKeys: await introspector.foreignKeys(table)
    }
  }

  return tables
}

for (const database of testDatabases) {
  describe(`schema - ${database.dialect} - create, introspect, dump, load`, {skip: database.skip}, () => {
    let db: BaseDriver
    let schema: SchemaStatements

    beforeEach(async () => {
      db = await connectDriver(database.config)
      await dropAllTables(db)
      schema = new SchemaStatements(db)
    })

    afterEach(async () => {
      await dropAllTables(db)
      await db.close()
    })

    it("introspects every column type back to its logical type", async () => {
      await createReadmeSchema(schema)

      const introspector = db.getIntrospector()
      const columns = await introspector.columns("examples")
      const types = Object.fromEntries(columns.map((column) => [column.name, column.type]))

      expect(await introspector.tables()).toEqual(["examples", "task_translations", "tasks", "users", "uuid_items"])
      expect(types).toEqual({
        id: database.dialect === "sqlite" ? "integer" : "bigint",
        count: "bigint", payload: "blob", published: "boolean", published_at: "datetime", position: "integer",
        metadata: "json", name: "string", body: "text", priority: "tinyint", uuid_column: "uuid",
        user_id: "bigint", created_at: "datetime", updated_at: "datetime"
      })

      const byName = Object.fromEntries(columns.map((column) => [column.name, column]))

      expect(byName.id).toMatchObject({primaryKey: true, autoIncrement: true, null: false})
      expect(byName.published).toMatchObject({default: false, null: true})
      expect(byName.position.default).toBe(3)
      expect(byName.name.limit).toBe(255)
      expect(byName.created_at.null).toBe(false)
      expect((await introspector.columns("tasks"))[1]).toMatchObject({name: "name", default: "it's \"new\"", null: false})
      expect((await introspector.columns("users"))[1]).toMatchObject({name: "email", type: "string", limit: 100})
      expect((await introspector.columns("uuid_items"))[0]).toMatchObject({name: "id", type: "uuid", primaryKey: true, autoIncrement: false})
    })

    it("introspects indexes and foreign keys", async () => {
      await createReadmeSchema(schema)

      const introspector = db.getIntrospector()

      expect(await introspector.indexes("examples")).toEqual([
        {name: "index_examples_on_name", columns: ["name"], unique: false},
        {name: "index_examples_on_user_id", columns: ["user_id"], unique: false}
      ])
      expect(await introspector.indexes("task_translations")).toEqual([
        {name: "index_task_translations_on_task_id", columns: ["task_id"], unique: false},
        {name: "index_task_translations_on_task_id_and_locale", columns: ["task_id", "locale"], unique: true}
      ])
      expect(await introspector.indexes("users")).toEqual([{name: "index_users_on_email", columns: ["email"], unique: true}])
      expect(await introspector.foreignKeys("examples")).toEqual([])
      expect(await introspector.foreignKeys("task_translations")).toEqual([
        {name: "fk_task_translations_task_id", column: "task_id", referencedTable: "tasks", referencedColumn: "id", onDelete: "cascade"}
      ])
    })

    it("dumps deterministically and a loaded dump reproduces the schema byte for byte", async () => {
      await createReadmeSchema(schema)

      const dump = await db.getStructureDumper().dump()

      expect(await db.getStructureDumper().dump()).toBe(dump)
      expect(dump).toContain("task_translations")

      const fresh = await freshDatabase(db, database.dialect)

      try {
        await fresh.driver.getStructureDumper().load(dump)
        expect(await fresh.driver.getStructureDumper().dump()).toBe(dump)
        expect(await describeSchema(fresh.driver)).toEqual(await describeSchema(db))
      } finally {
        await fresh.drop()
      }
    })

    it("round-trips a value of every column type", async () => {
      await createReadmeSchema(schema)

      const uuid = "123e4567-e89b-42d3-a456-426614174000"
      const at = new Date("2024-05-06T07:08:09.123Z")

      await db.execute("INSERT INTO users (email) VALUES (?)", ["a@example.com"])
      await db.execute(
        "INSERT INTO examples (count, payload, published, published_at, position, metadata, name, body, priority, uuid_column, user_id, created_at, updated_at) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [9007199254740991, Buffer.from([0, 1, 2, 255]), true, at, 42, {tags: ["a"]}, "n'); --", "long body", 7, uuid, 1, at, at]
      )

      const [row] = await db.query<Record<string, unknown>>("SELECT * FROM examples")

      expect(row.count).toBe(9007199254740991)
      expect(Buffer.from(row.payload as Uint8Array).equals(Buffer.from([0, 1, 2, 255]))).toBe(true)
      expect(Boolean(row.published)).toBe(true)
      expect(row.published_at instanceof Date ? row.published_at.toISOString() : row.published_at).toBe(database.dialect === "sqlite" ? "2024-05-06 07:08:09.123" : "2024-05-06T07:08:09.123Z")
      expect(row.position).toBe(42)
      expect(typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata).toEqual({tags: ["a"]})
      expect(row.name).toBe("n'); --")
      expect(row.body).toBe("long body")
      expect(row.priority).toBe(7)
      expect(row.uuid_column).toBe(uuid)
    })

    it("names the unknown type and the valid ones", async () => {
      await expect(schema.createTable("bad", (t) => { t.column("x", "money") })).rejects.toThrow(UnknownColumnTypeError)
      await expect(schema.addColumn("tasks", "x", "varchar")).rejects.toThrow("Unknown column type \"varchar\" for column \"x\". Valid types: bigint, blob, boolean, datetime, integer, json, string, text, tinyint, uuid")
    })
  })
}
