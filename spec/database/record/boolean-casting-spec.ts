import {describe, it, expect} from "velocious/build/src/testing/test.js"
import Record from "velocious/build/src/database/record/index.js"
import {useScratchTable} from "../support/scratch-table.js"
import {testDatabases} from "../support/test-databases.js"

// Boolean attributes cast what forms send as Rails does: false for false, 0, "0", "f", "F",
// "false", "FALSE", "off" and "OFF", null for "", true for anything else. Until 2026-12 only
// true, 1, "1", "t" and "true" were true, so a checked HTML checkbox without a value attribute
// (which sends "on") was saved as false.
class Flag extends Record {}
interface Flag {
  on(): boolean | null
}

const truthy: unknown[] = [true, 1, "1", "t", "true", "TRUE", "on", "ON", "yes", 2]
const falsy: unknown[] = [false, 0, "0", "f", "F", "false", "FALSE", "off", "OFF"]

for (const {dialect, config, skip} of testDatabases) {
  describe(`boolean casting - ${dialect}`, {skip}, () => {
    useScratchTable(config, "flags", (t) => {
      t.boolean("on")
    }, Flag)

    it("reads what forms send for a checked box as true, before and after saving", async () => {
      for (const value of truthy) {
        const flag = await Flag.create({on: value})

        expect([value, flag.on()]).toEqual([value, true])
        expect([value, (await Flag.find(flag.id())).on()]).toEqual([value, true])
      }
    })

    it("reads Rails' false values as false, before and after saving", async () => {
      for (const value of falsy) {
        const flag = await Flag.create({on: value})

        expect([value, flag.on()]).toEqual([value, false])
        expect([value, (await Flag.find(flag.id())).on()]).toEqual([value, false])
      }
    })

    it("reads an empty string as null, as an unselected form field", async () => {
      const flag = await Flag.create({on: ""})

      expect(flag.on()).toBeNull()
      expect((await Flag.find(flag.id())).on()).toBeNull()
    })

    it("finds records by what a form sends", async () => {
      await Flag.create({on: true})
      await Flag.create({on: true})
      await Flag.create({on: false})

      expect(await Flag.where({on: "on"}).count()).toBe(2)
      expect(await Flag.where({on: "off"}).count()).toBe(1)
    })
  })
}
