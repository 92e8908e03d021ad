import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Record from "velocious/build/src/database/record/index.js"
import {useScratchTable} from "../support/scratch-table.js"
import {testDatabases} from "../support/test-databases.js"

// A json attribute holds any JSON value, and reads back as the value it was given, on every
// database: every value is stored encoded (a string becomes a JSON string), as Rails does.
// Until 2026-12 only objects and arrays were encoded: a string was stored as it was (SQLite and
// MySQL then failed to load it; PostgreSQL refused it), and on PostgreSQL, whose driver parsed
// json itself, a stored JSON string was parsed a second time ("123" read back as 123).
class JsonDocument extends Record {}
interface JsonDocument {
  payload(): unknown
  setPayload(value: unknown): this
  name(): string | null
  options(): unknown
  label(): unknown
}

const values: {[label: string]: unknown} = {
  "an object": {color: "red", nested: {list: [1, "two", null, true]}},
  "an array": ["a", 2, {b: false}],
  "a string": "hello",
  "a string of digits": "123",
  "a string of JSON text": "{\"a\":1}",
  "a string of the word true": "true",
  "an empty string": "",
  "a number": 42.5,
  "zero": 0,
  "true": true,
  "false": false
}

for (const {dialect, config, skip} of testDatabases) {
  describe(`json attributes - ${dialect}`, {skip}, () => {
    const table = useScratchTable(config, "json_documents", (t) => {
      t.string("name")
      t.json("payload")
      t.json("options", {default: {theme: "dark"}})
      t.json("label", {default: "untitled"})
    }, JsonDocument)
    const db = () => table.db()

    for (const [label, value] of Object.entries(values)) {
      it(`stores ${label} and reads it back as it was given`, async () => {
        const created = await JsonDocument.create({name: label, payload: value})

        expect(created.payload()).toEqual(value)
        expect((await JsonDocument.find(created.id())).payload()).toEqual(value)
        expect((await JsonDocument.where({name: label}).first())?.payload()).toEqual(value)
      })
    }

    it("reads every row of a result by its own value, whatever the first row holds", async () => {
      // The first row decides which columns a result casts (loaded-rows.ts): a string first must
      // not leave the later rows' objects as text, nor an object first the later strings.
      const rows = ["first", {second: 2}, "3", [4], null, true]

      for (let index = 0; index < rows.length; index++) await JsonDocument.create({name: `row ${index}`, payload: rows[index]})

      const loaded = await JsonDocument.order("id").toArray()

      expect(loaded.map((document) => document.payload())).toEqual(rows)
    })

    it("updates a json attribute from one kind of value to another", async () => {
      const document = await JsonDocument.create({name: "changing", payload: {a: 1}})

      await document.update({payload: "now a string"})
      expect((await JsonDocument.find(document.id())).payload()).toEqual("now a string")

      await document.update({payload: [1, 2]})
      expect((await JsonDocument.find(document.id())).payload()).toEqual([1, 2])
    })

    it("stores null as SQL NULL, not as JSON null", async () => {
      const document = await JsonDocument.create({name: "nothing", payload: null})
      const [row] = await db().query("SELECT payload FROM json_documents WHERE id = ?", [document.id()])

      expect(row?.payload).toBeNull()
      expect((await JsonDocument.find(document.id())).payload()).toBeNull()
    })

    it("writes the JSON text to the database, so SQL and other programs read the same value", async () => {
      const document = await JsonDocument.create({name: "text", payload: "hello"})
      const [row] = await db().query("SELECT payload FROM json_documents WHERE id = ?", [document.id()])

      // Every driver gives json columns as their JSON text (pg and mysql2 are told not to parse them).
      expect(JSON.parse(row?.payload as string)).toBe("hello")
    })

    it("reads a string assigned to a json attribute as that string before and after saving", async () => {
      const document = new JsonDocument({name: "assigned"})

      document.setPayload("{\"not\":\"parsed\"}")
      expect(document.payload()).toBe("{\"not\":\"parsed\"}")
      await document.save()
      expect((await JsonDocument.find(document.id())).payload()).toBe("{\"not\":\"parsed\"}")
    })

    it("gives json columns' defaults as the values they were declared with", async () => {
      const built = new JsonDocument({name: "defaults"})

      expect(built.options()).toEqual({theme: "dark"})
      expect(built.label()).toBe("untitled")

      await db().execute("INSERT INTO json_documents (name) VALUES (?)", ["inserted by SQL"])

      const inserted = await JsonDocument.where({name: "inserted by SQL"}).first()

      expect(inserted?.options()).toEqual({theme: "dark"})
      expect(inserted?.label()).toBe("untitled")
    })

    it("saves a json value changed in place, as Rails does, and reports it as a change", async () => {
      const created = await JsonDocument.create({name: "in place", payload: {list: [1], nested: {a: 1}}})
      const loaded = await JsonDocument.find(created.id())
      const payload = loaded.payload() as {list: number[], nested: {a: number}}

      expect(loaded.isChanged()).toBe(false)
      payload.list.push(2)
      payload.nested.a = 5
      expect(loaded.isChanged()).toBe(true)
      expect(loaded.changes()).toEqual({payload: [{list: [1], nested: {a: 1}}, {list: [1, 2], nested: {a: 5}}]})

      await loaded.save()
      expect(loaded.isChanged()).toBe(false)
      expect((await JsonDocument.find(created.id())).payload()).toEqual({list: [1, 2], nested: {a: 5}})

      // Changed again in place after that save, through the reference read before it.
      payload.list.push(3)
      expect(loaded.isChanged()).toBe(true)
      await loaded.save()
      expect((await JsonDocument.find(created.id())).payload()).toEqual({list: [1, 2, 3], nested: {a: 5}})
    })

    it("sees an in-place change of a record loaded in a list, and of one just created", async () => {
      await JsonDocument.create({name: "listed", payload: ["a"]})

      const [listed] = await JsonDocument.where({name: "listed"}).toArray()

      ;(listed.payload() as string[]).push("b")
      await listed.save()
      expect((await JsonDocument.where({name: "listed"}).first())?.payload()).toEqual(["a", "b"])

      const created = await JsonDocument.create({name: "fresh", payload: {count: 1}})

      ;(created.payload() as {count: number}).count = 2
      expect(created.changes()).toEqual({payload: [{count: 1}, {count: 2}]})
      await created.save()
      expect((await JsonDocument.find(created.id())).payload()).toEqual({count: 2})
    })

    it("does not count a value that reads the same after a change in place and back", async () => {
      const created = await JsonDocument.create({name: "same", payload: {a: 1}})
      const loaded = await JsonDocument.find(created.id())
      const payload = loaded.payload() as {a: number}

      payload.a = 2
      payload.a = 1
      expect(loaded.isChanged()).toBe(false)
      expect(loaded.attributes().payload).toEqual({a: 1})
    })

    it("refuses a value JSON cannot hold with an error naming the column", async () => {
      expect(() => new JsonDocument({name: "bad", payload: () => 1})).toThrow(/payload/)
      expect(() => new JsonDocument({name: "bad", payload: 10n})).toThrow(/payload/)
    })
  })
}
