import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Record from "velocious/build/src/database/record/index.js"
import {useScratchTable} from "../support/scratch-table.js"
import {testDatabases} from "../support/test-databases.js"

// Integers beyond Number.MAX_SAFE_INTEGER (snowflake ids, counters) read back exactly, as
// strings, on every database: PostgreSQL's and MySQL's drivers give them as text, and until
// 2026-12 SQLite's gave them as the nearest double, so 9007199254740993 read back as
// 9007199254740992, and saving the record again wrote the wrong number.
class BigThing extends Record {}
interface BigThing {
  name(): string | null
  counter(): number | string | null
  setCounter(value: unknown): this
}

const unsafe = "9007199254740993"
const large = "4611686018427387904"

for (const {dialect, config, skip} of testDatabases) {
  describe(`integers beyond 2^53 - ${dialect}`, {skip}, () => {
    const table = useScratchTable(config, "big_things", (t) => {
      t.string("name")
      t.bigint("counter")
    }, BigThing)
    const db = () => table.db()

    it("reads an unsafe integer back as its exact text, after create and after a find", async () => {
      const created = await BigThing.create({name: "unsafe", counter: unsafe})

      expect(created.counter()).toBe(unsafe)
      expect((await BigThing.find(created.id())).counter()).toBe(unsafe)
      expect((await BigThing.where({name: "unsafe"}).toArray()).map((thing) => thing.counter())).toEqual([unsafe])
    })

    it("stores a BigInt exactly and reads it back as its text", async () => {
      const created = await BigThing.create({name: "bigint", counter: BigInt(large)})

      expect(String(created.counter())).toBe(large)
      expect((await BigThing.find(created.id())).counter()).toBe(large)
    })

    it("keeps the exact value through a save that changes another attribute", async () => {
      const created = await BigThing.create({name: "before", counter: unsafe})
      const found = await BigThing.find(created.id())

      await found.update({name: "after"})

      const [row] = await db().query("SELECT counter FROM big_things WHERE id = ?", [created.id()])

      expect(String(row.counter)).toBe(unsafe)
      expect(await BigThing.where({counter: unsafe}).count()).toBe(1)
    })

    it("gives raw queries unsafe integers as exact text and safe ones as numbers", async () => {
      await db().execute("INSERT INTO big_things (name, counter) VALUES (?, ?), (?, ?)", ["raw unsafe", unsafe, "raw safe", 42])

      const rows = await db().query("SELECT name, counter, counter + 0 AS sum FROM big_things ORDER BY name")

      expect(rows.map((row) => [row.name, row.counter])).toEqual([["raw safe", 42], ["raw unsafe", unsafe]])
      expect(rows[0].sum).toEqual(42)
      expect(String(rows[1].sum)).toBe(unsafe)
    })

    it("still reads safe integers as numbers, the largest safe one included", async () => {
      const created = await BigThing.create({name: "safe", counter: Number.MAX_SAFE_INTEGER})
      const found = await BigThing.find(created.id())

      expect(found.counter()).toBe(Number.MAX_SAFE_INTEGER)
      expect(typeof found.id()).toBe("number")
    })
  })
}
