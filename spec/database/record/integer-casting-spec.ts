import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Record from "velocious/build/src/database/record/index.js"
import {RecordNotFoundError} from "velocious/build/src/database/record/errors.js"
import {useScratchTable} from "../support/scratch-table.js"
import {testDatabases} from "../support/test-databases.js"

// Integer attributes cast what they are given as Rails' integer type does, the same on every
// database (integer-casting.ts). Until 2026-12 the value went to the driver as it was: "abc"
// was stored as NULL on SQLite and 0 on MariaDB and failed the INSERT on PostgreSQL; 1.5 stayed
// 1.5 on SQLite, became 2 on MariaDB and failed on PostgreSQL; where({count: "abc"}) matched
// the rows holding 0 on MariaDB and failed on PostgreSQL; find("abc") failed on PostgreSQL.
class Counter extends Record {}
interface Counter {
  count(): number | null
  level(): number | null
  total(): number | string | null
  setCount(value: unknown): this
}

Counter.validates("level", {numericality: {onlyInteger: true}})

const casts: [unknown, number | null][] = [
  [42, 42], ["42", 42], [" 12 ", 12], ["+7", 7], ["-3", -3], ["007", 7], ["1_000", 1000],
  [1.9, 1], [-1.9, -1], ["1.5", 1], ["12abc", 12], ["abc", 0],
  [true, 1], [false, 0], ["", null], ["  ", null], [Number.NaN, null], [Number.POSITIVE_INFINITY, null], [null, null]
]

for (const {dialect, config, skip} of testDatabases) {
  describe(`integer casting - ${dialect}`, {skip}, () => {
    useScratchTable(config, "counters", (t) => {
      t.integer("count")
      t.tinyint("level")
      t.bigint("total")
    }, Counter)

    it("casts what it is given as Rails does, before and after saving", async () => {
      for (const [given, expected] of casts) {
        const counter = new Counter({count: given})

        expect([given, counter.count()]).toEqual([given, expected])

        await counter.save()

        expect([given, (await Counter.find(counter.id())).count()]).toEqual([given, expected])
      }
    })

    it("keeps a bigint past 2^53 exact and truncates a fraction in one", async () => {
      const big = await Counter.create({total: " 9007199254740993 "})
      const fraction = await Counter.create({total: "12.75"})

      expect([big.total(), (await Counter.find(big.id())).total()]).toEqual(["9007199254740993", "9007199254740993"])
      expect([fraction.total(), (await Counter.find(fraction.id())).total()]).toEqual([12, 12])
    })

    it("validates numericality on the value as given, as Rails does", async () => {
      const text = new Counter({level: "abc"})
      const fraction = new Counter({level: "1.5"})
      const whole = new Counter({level: "3"})

      expect(await text.isValid()).toBe(false)
      expect(text.errors.on("level")).toEqual(["is not a number"])
      expect(await fraction.isValid()).toBe(false)
      expect(fraction.errors.on("level")).toEqual(["must be an integer"])
      expect(await whole.isValid()).toBe(true)
      await expect(Counter.create({level: "abc"})).rejects.toThrow("Level is not a number")
      expect(await Counter.count()).toBe(0)
    })

    it("answers readAttributeBeforeTypeCast() with the value as given until it is saved", async () => {
      const counter = new Counter({count: "12abc"})

      expect([counter.count(), counter.readAttributeBeforeTypeCast("count")]).toEqual([12, "12abc"])

      counter.setCount(5)
      expect(counter.readAttributeBeforeTypeCast("count")).toBe(5)

      counter.setCount("6")
      await counter.save()
      expect([counter.count(), counter.readAttributeBeforeTypeCast("count")]).toEqual([6, 6])
    })

    it("finds nothing for text that is no number, also next to a row holding 0", async () => {
      const zero = await Counter.create({count: 0})
      const five = await Counter.create({count: 5})

      await Counter.create({count: null})

      expect(await Counter.where({count: "abc"}).count()).toBe(0)
      expect((await Counter.where({count: ["abc", "5"]}).toArray()).map((each) => each.id())).toEqual([five.id()])
      expect((await Counter.where({count: " 0 "}).toArray()).map((each) => each.id())).toEqual([zero.id()])
      expect(await Counter.where({count: ""}).count()).toBe(1)
      expect(await Counter.where({count: ["abc"]}).count()).toBe(0)
    })

    it("raises RecordNotFoundError for find() with text that is no number, and finds by numeric text", async () => {
      const counter = await Counter.create({count: 1})

      await expect(Counter.find("abc")).rejects.toThrow(RecordNotFoundError)
      await expect(Counter.find("abc")).rejects.toThrow("Couldn't find Counter with 'id'=abc")
      expect((await Counter.find(String(counter.id()))).id()).toEqual(counter.id())
    })
  })
}
