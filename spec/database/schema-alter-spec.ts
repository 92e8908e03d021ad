import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {ForeignKeyConstraintError, UniqueConstraintError} from "velocious/build/src/database/drivers/base/errors.js"
import SchemaStatements, {SchemaError} from "velocious/build/src/database/migration/schema-statements.js"
import {connectDriver, dropAllTables, testDatabases} from "./support/test-databases.js"

for (const database of testDatabases) {
  describe(`schema - ${database.dialect} - alter operations`, {skip: database.skip}, () => {
    let db: BaseDriver
    let schema: SchemaStatements

    const columnNames = async (table: string) => (await db.getIntrospector().columns(table)).map((column) => column.name)
    const column = async (table: string, name: string) => (await db.getIntrospector().columns(table)).find((each) => each.name === name)

    beforeEach(async () => {
      db = await connectDriver(database.config)
      await dropAllTables(db)
      schema = new SchemaStatements(db)
      await schema.createTable("authors", (t) => { t.string("name") })
      await schema.createTable("books", (t) => {
        t.string("title", {index: true})
        t.integer("pages")
        t.references("author", {foreignKey: true})
      })
      await db.execute("INSERT INTO authors (name) VALUES (?)", ["Ann"])
      await db.execute("INSERT INTO books (title, pages, author_id) VALUES (?, ?, ?)", ["First", 100, 1])
    })

    afterEach(async () => {
      await dropAllTables(db)
      await db.close()
    })

    it("adds columns with defaults, NOT NULL and indexes", async () => {
      await schema.addColumn("books", "isbn", "string", {limit: 20, unique: true})
      await schema.addColumn("books", "rating", "integer", {null: false, default: 0})
      // Without a default NOT NULL only works on an empty table (SQLite rebuilds for it).
      await schema.createTable("shelves", (t) => { t.string("label") })
      await schema.addColumn("shelves", "summary", "text", {null: false})

      expect(await column("shelves", "summary")).toMatchObject({type: "text", null: false})
      expect(await columnNames("books")).toEqual(["id", "title", "pages", "author_id", "isbn", "rating"])
      expect(await column("books", "rating")).toMatchObject({null: false, default: 0})
      expect(await column("books", "isbn")).toMatchObject({type: "string", limit: 20})
      expect((await db.getIntrospector().indexes("books")).map((index) => index.name)).toContain("index_books_on_isbn")
      expect((await db.query("SELECT title, rating FROM books"))).toEqual([{title: "First", rating: 0}])
    })

    it("removes a column keeping the data, the other indexes and the foreign keys", async () => {
      await schema.removeColumn("books", "pages")

      expect(await columnNames("books")).toEqual(["id", "title", "author_id"])
      expect(await db.query("SELECT id, title, author_id FROM books")).toEqual([{id: 1, title: "First", author_id: 1}])
      expect((await db.getIntrospector().indexes("books")).map((index) => index.name)).toEqual(["index_books_on_author_id", "index_books_on_title"])
      expect((await db.getIntrospector().foreignKeys("books")).map((foreignKey) => foreignKey.column)).toEqual(["author_id"])
      await expect(db.execute("INSERT INTO books (title, author_id) VALUES (?, ?)", ["Orphan", 99])).rejects.toThrow(ForeignKeyConstraintError)
    })

    it("removes an indexed column together with its index", async () => {
      await schema.removeColumn("books", "title")

      expect((await db.getIntrospector().indexes("books")).map((index) => index.name)).toEqual(["index_books_on_author_id"])
    })

    it("renames a column keeping its data", async () => {
      await schema.renameColumn("books", "pages", "page_count")

      expect(await db.query("SELECT page_count FROM books")).toEqual([{page_count: 100}])
    })

    it("changes a column's type, null and default keeping the data and indexes", async () => {
      await schema.changeColumn("books", "title", "text", {null: false, default: "Untitled"})

      expect(await column("books", "title")).toMatchObject({type: "text", null: false, default: "Untitled"})
      expect(await db.query("SELECT title FROM books")).toEqual([{title: "First"}])

      if (database.dialect !== "mysql") {
        // MySQL/MariaDB may turn an index on a TEXT column into a prefix or hash index, so only the others are asserted.
        expect((await db.getIntrospector().indexes("books")).map((index) => index.name)).toContain("index_books_on_title")
      }

      await schema.changeColumn("books", "pages", "bigint")
      expect(await column("books", "pages")).toMatchObject({type: "bigint", null: true})
      expect((await db.getIntrospector().foreignKeys("books")).length).toBe(1)
    })

    it("changes a column of a table that others reference, keeping their foreign keys enforced", async () => {
      await schema.changeColumn("authors", "name", "string", {limit: 50, null: false, default: "?"})

      expect(await column("authors", "name")).toMatchObject({limit: 50, null: false, default: "?"})
      expect(await db.query("SELECT name FROM authors")).toEqual([{name: "Ann"}])
      expect((await db.getIntrospector().foreignKeys("books")).map((foreignKey) => foreignKey.referencedTable)).toEqual(["authors"])
      await expect(db.execute("INSERT INTO books (title, author_id) VALUES (?, ?)", ["Orphan", 99])).rejects.toThrow(ForeignKeyConstraintError)
    })

    if (database.dialect === "sqlite") {
      it("refuses to rebuild a referenced table inside a transaction and says how to proceed", async () => {
        await expect(db.transaction(() => schema.removeColumn("authors", "name"))).rejects.toThrow("Run this change outside a transaction")
        expect(await columnNames("authors")).toEqual(["id", "name"])
      })
    }

    it("renames a table", async () => {
      await schema.renameTable("books", "volumes")

      expect(await db.getIntrospector().tables()).toEqual(["authors", "volumes"])
      expect(await db.query("SELECT title FROM volumes")).toEqual([{title: "First"}])
    })

    it("adds and removes indexes by columns and by name", async () => {
      await schema.addIndex("books", ["title", "pages"], {unique: true})
      await expect(db.execute("INSERT INTO books (title, pages) VALUES (?, ?)", ["First", 100])).rejects.toThrow(UniqueConstraintError)

      await schema.addIndex("books", "pages", {name: "books_pages"})
      await schema.removeIndex("books", ["title", "pages"])
      await schema.removeIndex("books", {name: "books_pages"})

      expect((await db.getIntrospector().indexes("books")).map((index) => index.name)).toEqual(["index_books_on_author_id", "index_books_on_title"])
      await expect(schema.removeIndex("books", "pages")).rejects.toThrow(SchemaError)
    })

    it("adds an enforced foreign key", async () => {
      await schema.createTable("reviews", (t) => { t.bigint("book_id") })
      await schema.addForeignKey("reviews", "books")

      expect(await db.getIntrospector().foreignKeys("reviews")).toEqual([
        {name: "fk_reviews_book_id", column: "book_id", referencedTable: "books", referencedColumn: "id"}
      ])
      await expect(db.execute("INSERT INTO reviews (book_id) VALUES (?)", [42])).rejects.toThrow(ForeignKeyConstraintError)
    })

    it("drops tables", async () => {
      await schema.dropTable("books")
      await schema.dropTable("books", {ifExists: true})

      expect(await db.getIntrospector().tables()).toEqual(["authors"])
    })
  })
}
