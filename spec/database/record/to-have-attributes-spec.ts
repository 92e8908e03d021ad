import {describe, expect, it, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"
import {testDatabases} from "../support/test-databases.js"
import {Account, Task} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"

function failureOf(assertion: () => void): ExpectationFailedError {
  try {
    assertion()
  } catch (error) {
    if (error instanceof ExpectationFailedError) return error

    throw error
  }

  throw new Error("The assertion passed")
}

for (const database of testDatabases) {
  describe(`expect().toHaveAttributes - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("matches the README's created account", async () => {
      await Account.create({name: "My event company"})

      const createdAccount = await Account.last()

      expect(createdAccount).toHaveAttributes({
        name: "My event company"
      })
    })

    it("reads camelCase and snake_case names and compares dates and nulls", async () => {
      const completedAt = new Date("2024-03-04T05:06:07Z")
      const task = await Task.create({name: "Done", completedAt})

      expect(task).toHaveAttributes({completedAt, project_id: null, projectId: null, name: "Done"})
      expect(task).toHaveAttributes({completed_at: new Date("2024-03-04T05:06:07Z"), id: expect.any(Number)})
    })

    it("fails listing only the mismatched attributes", async () => {
      const account = await Account.create({name: "Acme", plan: "free"})
      const error = failureOf(() => expect(account).toHaveAttributes({name: "Other", plan: "free", code: "acme"}))

      expect(error.message).toContain("expect(received).toHaveAttributes(expected)")
      expect(error.message).toContain(`2 of 3 attributes of Account with id ${account.id()} did not match:`)
      expect(error.message).toContain("name: expected 'Other', received 'Acme'")
      expect(error.message).toContain("code: expected 'acme', received null")
      expect(error.message).not.toContain("plan:")
    })

    it("fails for an attribute the record does not have", async () => {
      const account = new Account({name: "Acme"})
      const error = failureOf(() => expect(account).toHaveAttributes({nope: 1}))

      expect(error.message).toContain("1 of 1 attribute of a new Account did not match:")
      expect(error.message).toContain("nope: expected 1, received (not readable: Account has no attribute 'nope')")
    })

    it("supports .not", async () => {
      const account = await Account.create({name: "Acme"})

      expect(account).not.toHaveAttributes({name: "Other"})
      expect(account).not.toHaveAttributes({name: "Acme", plan: "pro"})

      const error = failureOf(() => expect(account).not.toHaveAttributes({name: "Acme"}))

      expect(error.message).toContain("expect(received).not.toHaveAttributes(expected)")
      expect(error.message).toContain(`Expected Account with id ${account.id()} not to have these attributes, but every one matched:`)
      expect(error.message).toMatch(/name: +'Acme'/)
    })

    it("works after resolves", async () => {
      await Account.create({name: "Async"})
      await expect(Account.last()).resolves.toHaveAttributes({name: "Async"})
    })
  })
}

describe("expect().toHaveAttributes without a database", () => {
  const fakeRecord = {
    readAttribute(name: string): unknown {
      const values: {[name: string]: unknown} = {name: "Fake", created_at: null}

      if (!(name in values)) throw new Error(`no attribute '${name}'`)

      return values[name]
    }
  }

  it("works with anything that has readAttribute()", () => {
    expect(fakeRecord).toHaveAttributes({name: "Fake", created_at: null})
    expect(fakeRecord).not.toHaveAttributes({name: "Real"})
  })

  it("compares strictly: a number does not match its string", () => {
    const record = {readAttribute: () => 1}

    expect(record).not.toHaveAttributes({count: "1"})
  })

  it("refuses values that are not records, and empty expectations", () => {
    expect(() => expect(null).toHaveAttributes({name: "x"})).toThrow(ExpectationUsageError)
    expect(() => expect({name: "x"}).toHaveAttributes({name: "x"})).toThrow(/must be a record/)
    expect(() => expect(fakeRecord).toHaveAttributes({})).toThrow(/at least one attribute/)
    expect(() => expect(fakeRecord).toHaveAttributes(["name"] as never)).toThrow(ExpectationUsageError)
  })
})
