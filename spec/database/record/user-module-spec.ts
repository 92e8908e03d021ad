import fs from "node:fs/promises"
import {describe, it, expect, beforeAll, afterAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Record from "velocious/build/src/database/record/index.js"
import UserModule, {UserModuleSetupError, type UserModuleMethods} from "velocious/build/src/database/record/user-module.js"
import {hashPassword, verifyPassword} from "velocious/build/src/database/record/user-module/password-hashing.js"
import {ValidationError} from "velocious/build/src/database/record/errors.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {connectTestConfiguration, testDatabases} from "../support/test-databases.js"

const secretKey = "spec-secret-key-0123456789abcdef"

class UmUser extends Record {}
interface UmUser extends UserModuleMethods {}
class UmNoPasswordUser extends Record {}

new UserModule({secretKey}).attachTo(UmUser)
new UserModule({secretKey}).attachTo(UmNoPasswordUser)

const hashPattern = /^pbkdf2-sha256\$(\d+)\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/
const tables = ["um_users", "um_no_password_users"]

async function dropTables(db: BaseDriver): Promise<void> {
  for (const table of tables) await new SchemaStatements(db).dropTable(table, {ifExists: true})
}

describe("UserModule setup", () => {
  it("needs a secret key", () => {
    expect(() => new UserModule({secretKey: ""})).toThrow(UserModuleSetupError)
    expect(() => new UserModule(undefined as unknown as {secretKey: string})).toThrow(/needs \{secretKey\}/)
  })

  it("refuses fewer than 210,000 iterations and unknown options", () => {
    expect(() => new UserModule({secretKey, iterations: 1000})).toThrow(/use 210000 or more/)
    expect(() => new UserModule({secretKey, secret: "x"} as unknown as {secretKey: string})).toThrow(/Unknown option 'secret'/)
  })

  it("keeps Node-only modules out of the model-side code, which browsers load too", async () => {
    for (const file of ["user-module.ts", "user-module/password-hashing.ts", "user-module/errors.ts"]) {
      const source = await fs.readFile(new URL(`../../../src/database/record/${file}`, import.meta.url), "utf8")

      expect(source).not.toMatch(/from "(node:|crypto"|buffer")/)
    }
  })

  it("peppers with the secret key: another key does not verify", async () => {
    const stored = await hashPassword("my-password", secretKey)

    expect(await verifyPassword("my-password", stored, secretKey)).toBe(true)
    expect(await verifyPassword("my-password", stored, "another-key")).toBe(false)
    expect(await verifyPassword("my-password", stored.replace("pbkdf2-sha256", "md5"), secretKey)).toBe(false)
    expect(await verifyPassword("my-password", "pbkdf2-sha256$99999999999$AAAA$AAAA", secretKey)).toBe(false)
    expect(await verifyPassword("my-password", null, secretKey)).toBe(false)
  })
})

for (const {dialect, config, skip} of testDatabases) {
  describe(`UserModule - ${dialect}`, {skip}, () => {
    let configuration: Configuration
    let db: BaseDriver

    beforeAll(async () => {
      ({configuration, db} = await connectTestConfiguration(config))
      await dropTables(db)

      const schema = new SchemaStatements(db)

      await schema.createTable("um_users", (t) => {
        t.string("email")
        t.string("encrypted_password")
      })
      await schema.createTable("um_no_password_users", (t) => { t.string("email") })
      await UmUser.initializeRecord({configuration})
    })

    afterAll(async () => {
      await dropTables(db)
      await configuration.closeDatabaseConnections()
    })

    beforeEach(async () => {
      await db.execute("DELETE FROM um_users")
    })

    it("stores a salted PBKDF2 hash and authenticates against it", async () => {
      const user = new UmUser({email: "a@example.com"})

      user.setPassword("my-password")
      user.setPasswordConfirmation("my-password")
      await user.save()

      const stored = String(user.readAttribute("encrypted_password"))
      const match = hashPattern.exec(stored)

      expect(match).not.toBeNull()
      expect(Number(match?.[1])).toBeGreaterThanOrEqual(210_000)
      expect(stored).not.toContain("my-password")

      const found = await UmUser.find(user.id())

      expect(await found.authenticate("my-password")).toBe(true)
      expect(await found.authenticate("wrong-password")).toBe(false)
      expect(await found.authenticate("")).toBe(false)
    })

    it("salts every hash, so equal passwords are stored differently", async () => {
      const first = await new UmUser({email: "1@example.com"}).setPassword("same").save()
      const second = await new UmUser({email: "2@example.com"}).setPassword("same").save()

      expect(first.readAttribute("encrypted_password")).not.toEqual(second.readAttribute("encrypted_password"))
    })

    it("keeps the plain password out of the attributes", async () => {
      const user = new UmUser({email: "a@example.com"})

      user.setPassword("secret-value")
      user.setPasswordConfirmation("secret-value")

      expect(JSON.stringify(user.toJSON())).not.toContain("secret-value")
      expect(JSON.stringify(user.changes())).not.toContain("secret-value")
      expect(user.readAttribute("encrypted_password")).toBeNull()
      // Set but not saved yet: authenticate() already knows it.
      expect(await user.authenticate("secret-value")).toBe(true)
      expect(await user.authenticate("other")).toBe(false)

      await user.save()
      expect(JSON.stringify(user.toJSON())).not.toContain("secret-value")
    })

    it("makes a record with a mismatching confirmation invalid", async () => {
      const user = new UmUser({email: "a@example.com"})

      user.setPassword("my-password")
      user.setPasswordConfirmation("typo-password")

      expect(await user.isValid()).toBe(false)
      expect(user.errors.fullMessages()).toEqual(["Password confirmation doesn't match Password"])

      const failure = await user.save().catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(ValidationError)
      expect(await UmUser.count()).toBe(0)

      user.setPasswordConfirmation("my-password")
      expect(await user.isValid()).toBe(true)
    })

    it("changes the password of a saved user", async () => {
      const user = await new UmUser({email: "a@example.com"}).setPassword("old-password").save()
      const oldHash = user.readAttribute("encrypted_password")

      user.setPassword("new-password")
      await user.save()

      const found = await UmUser.find(user.id())

      expect(found.readAttribute("encrypted_password")).not.toEqual(oldHash)
      expect(await found.authenticate("new-password")).toBe(true)
      expect(await found.authenticate("old-password")).toBe(false)
    })

    it("names the missing encrypted_password column when the model initializes or attaches", async () => {
      const failure = await UmNoPasswordUser.initializeRecord({configuration}).catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(UserModuleSetupError)
      expect((failure as Error).message).toContain("UmNoPasswordUser uses the user module but its table um_no_password_users has no encrypted_password column")

      class UmLateUser extends Record {}

      UmLateUser.setTableName("um_no_password_users")
      await UmLateUser.initializeRecord({configuration})
      expect(() => new UserModule({secretKey}).attachTo(UmLateUser)).toThrow(/has no encrypted_password column/)
    })
  })
}
