import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {ValidationError} from "velocious/build/src/database/record/errors.js"
import Record from "velocious/build/src/database/record/index.js"
import {testDatabases} from "../support/test-databases.js"
import {Account, Task} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"

const validAccount = {name: "My event company", code: "event-co", employeesCount: 3, plan: "free"}

async function messagesFor(attributes: {[key: string]: unknown}): Promise<string[]> {
  const account = new Account({...validAccount, ...attributes})

  expect(await account.isValid()).toBe(false)

  return account.errors.fullMessages()
}

for (const database of testDatabases) {
  describe(`record validations - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("accepts a valid record", async () => {
      const account = new Account(validAccount)

      expect(await account.isValid()).toBe(true)
      expect(account.errors.isEmpty()).toBe(true)
      expect(account.errors.fullMessages()).toEqual([])
    })

    it("validates presence", async () => {
      expect(await messagesFor({name: null})).toEqual(["Name can't be blank"])
      expect(await messagesFor({name: "   "})).toEqual(["Name can't be blank"])
    })

    it("validates length", async () => {
      expect(await messagesFor({name: "x".repeat(41)})).toEqual(["Name is too long (maximum is 40 characters)"])
      expect(await new Account({...validAccount, name: "x".repeat(40)}).isValid()).toBe(true)
    })

    it("validates format", async () => {
      expect(await messagesFor({code: "Not A Code"})).toEqual(["Code is invalid"])
    })

    it("validates numericality", async () => {
      expect(await messagesFor({employeesCount: -1})).toEqual(["Employees count must be greater than or equal to 0"])
      expect(await messagesFor({employeesCount: 1.5})).toEqual(["Employees count must be an integer"])
      expect(await messagesFor({employeesCount: "many"})).toEqual(["Employees count is not a number"])
    })

    it("validates inclusion", async () => {
      expect(await messagesFor({plan: "gold"})).toEqual(["Plan is not included in the list"])
    })

    it("skips format, numericality and inclusion for a missing value", async () => {
      expect(await new Account({name: "Only a name"}).isValid()).toBe(true)
    })

    it("validates uniqueness against saved records, but not against the record itself", async () => {
      const first = await Account.create(validAccount)

      expect(await messagesFor({name: "Another"})).toEqual(["Code has already been taken"])
      expect(await first.isValid()).toBe(true)

      await first.update({name: "Renamed"})
      expect((await Account.find(first.id())).name()).toBe("Renamed")
    })

    it("validates the README's Task rule: presence and uniqueness of name", async () => {
      await Task.create({name: "Unique"})

      const blank = new Task()
      const duplicate = new Task({name: "Unique"})

      expect(await blank.isValid()).toBe(false)
      expect(blank.errors.fullMessages()).toEqual(["Name can't be blank"])
      expect(await duplicate.isValid()).toBe(false)
      expect(duplicate.errors.on("name")).toEqual(["has already been taken"])
    })

    it("collects every message and keeps them per attribute", async () => {
      const account = new Account({name: "", code: "BAD CODE", employeesCount: -2, plan: "gold"})

      expect(await account.isValid()).toBe(false)
      expect(account.errors.fullMessages()).toEqual([
        "Name can't be blank",
        "Code is invalid",
        "Employees count must be greater than or equal to 0",
        "Plan is not included in the list"
      ])
      expect(account.errors.on("code")).toEqual(["is invalid"])
      expect(account.errors.count()).toBe(4)
    })

    it("throws a ValidationError listing the messages from save() and writes nothing", async () => {
      const account = new Account({...validAccount, name: "", plan: "gold"})
      let error: unknown

      try {
        await account.save()
      } catch (caught) {
        error = caught
      }

      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).messages).toEqual(["Name can't be blank", "Plan is not included in the list"])
      expect((error as ValidationError).message).toBe("Validation failed for Account: Name can't be blank, Plan is not included in the list")
      expect((error as ValidationError).record).toBe(account)
      expect(account.isNewRecord()).toBe(true)
      expect(await Account.count()).toBe(0)
    })

    it("throws from create() and update() too", async () => {
      await expect(Task.create({name: ""})).rejects.toThrow(ValidationError)

      const account = await Account.create(validAccount)

      await expect(account.update({plan: "gold"})).rejects.toThrow("Plan is not included in the list")
      expect((await Account.find(account.id())).plan()).toBe("free")
    })

    it("clears old errors on the next check", async () => {
      const account = new Account({...validAccount, name: ""})

      expect(await account.isValid()).toBe(false)
      account.setName("Fixed")
      expect(await account.isValid()).toBe(true)
      expect(account.errors.fullMessages()).toEqual([])
    })

    it("rejects an unknown rule when the model declares it", () => {
      class Unvalidated extends Record {}

      expect(() => Unvalidated.validates("name", {presense: true} as never)).toThrow(/presense/)
    })
  })
}
