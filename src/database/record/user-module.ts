import type Record from "./index.js"
import type {Validator} from "./validations/validators.js"
import type {ValidationRules} from "./validations/index.js"
import {checkKeys} from "../../utils/check-keys.js"
import {UserModuleSetupError} from "./user-module/errors.js"
import {hashPassword, minimumIterations, samePassword, verifyPassword} from "./user-module/password-hashing.js"

export {UserModuleSetupError} from "./user-module/errors.js"

export interface UserModuleOptions {
  /** The pepper: a long random string kept out of the database (an environment variable). */
  secretKey: string
  /** PBKDF2 rounds for new hashes; 210,000 at least (OWASP's figure for PBKDF2-SHA256). */
  iterations?: number
}

/** What attachTo() adds to the model's records; TypeScript apps merge it in: `interface User extends UserModuleMethods {}`. */
export interface UserModuleMethods {
  setPassword(password: string): this
  setPasswordConfirmation(confirmation: string): this
  /** True when `password` is the user's password (the saved one, or one set but not saved yet). */
  authenticate(password: string): Promise<boolean>
}

const encryptedPasswordColumn = "encrypted_password"
const attachedKey = Symbol("velocious.userModule.attached")

interface PendingPassword {
  password?: string
  confirmation?: string
}

// The plain password lives only here until beforeSave hashes it: never in the attributes, so
// it cannot reach toJSON(), changes(), logs or the database.
const pendingPasswords = new WeakMap<Record, PendingPassword>()

function pendingOf(record: Record): PendingPassword {
  let pending = pendingPasswords.get(record)

  if (!pending) {
    pending = {}
    pendingPasswords.set(record, pending)
  }

  return pending
}

function checkString(value: unknown, method: string): string {
  if (typeof value !== "string") throw new TypeError(`${method}() needs a string, got ${value === null ? "null" : typeof value}`)

  return value
}

/** Like Rails' has_secure_password: `new UserModule({secretKey}).attachTo(User)`. */
export default class UserModule {
  private readonly secretKey: string
  private readonly iterations: number

  constructor(options: UserModuleOptions) {
    checkKeys(options || {}, ["secretKey", "iterations"], "new UserModule()")

    const {secretKey, iterations = minimumIterations} = options || {} as UserModuleOptions

    if (typeof secretKey !== "string" || secretKey === "") {
      throw new UserModuleSetupError("new UserModule() needs {secretKey}: a long random string kept outside the database, such as process.env.USER_SECRET_KEY; set that variable (for example to the output of `openssl rand -hex 32`)")
    }

    if (!Number.isInteger(iterations) || iterations < minimumIterations) {
      throw new UserModuleSetupError(`new UserModule() got iterations: ${iterations}; use ${minimumIterations} or more, or leave it out`)
    }

    this.secretKey = secretKey
    this.iterations = iterations
  }

  /** Adds setPassword(), setPasswordConfirmation() and authenticate() to `model`, which needs an encrypted_password column. */
  attachTo<Model extends typeof Record>(model: Model): Model {
    if (Object.hasOwn(model, attachedKey)) throw new UserModuleSetupError(`A UserModule is already attached to ${model.name}; attach one per model`)

    // attachTo() usually runs when the class is defined, before its columns are read.
    if (model.isInitialized()) checkColumn(model)
    else model.addInitializeHook(() => checkColumn(model))

    Object.defineProperty(model, attachedKey, {value: true})

    this.defineMethods(model)
    addPasswordValidation(model)

    model.beforeSave(async (record: Record) => {
      const pending = pendingPasswords.get(record)

      if (pending?.password === undefined) return

      record.writeAttribute(encryptedPasswordColumn, await hashPassword(pending.password, this.secretKey, this.iterations))
      pendingPasswords.delete(record)
    })

    return model
  }

  private defineMethods(model: typeof Record): void {
    const secretKey = this.secretKey
    const methods: {[name: string]: (this: Record, value: string) => unknown} = {
      setPassword(password: string) {
        pendingOf(this).password = checkString(password, "setPassword")

        return this
      },
      setPasswordConfirmation(confirmation: string) {
        pendingOf(this).confirmation = checkString(confirmation, "setPasswordConfirmation")

        return this
      },
      async authenticate(password: string) {
        if (typeof password !== "string") return false

        const pending = pendingPasswords.get(this)?.password

        if (pending !== undefined) return await samePassword(password, pending, secretKey)

        return await verifyPassword(password, this.readAttribute(encryptedPasswordColumn), secretKey)
      }
    }

    for (const [name, method] of Object.entries(methods)) {
      Object.defineProperty(model.prototype, name, {configurable: true, writable: true, value: method})
    }
  }
}

function checkColumn(model: typeof Record): void {
  if (model.getMetadata().columnsByName.has(encryptedPasswordColumn)) return

  throw new UserModuleSetupError(`${model.name} uses the user module but its table ${model.getTableName()} has no ${encryptedPasswordColumn} column; add it in a migration: t.string("${encryptedPasswordColumn}")`)
}

const validatePassword: Validator = ({record}) => {
  const pending = pendingPasswords.get(record)

  if (!pending) return
  if (pending.password === "") record.errors.add("password", "can't be blank")
  if (pending.confirmation !== undefined && pending.confirmation !== pending.password) record.errors.add("passwordConfirmation", "doesn't match Password")
}

/**
 * Registered like a declared validation so it runs with the others on every isValid()/save().
 * It reads the pending password itself; the encrypted_password attribute it is listed under is
 * only what the validation runner reads (and ignores here).
 */
function addPasswordValidation(model: typeof Record): void {
  model.getValidations().push({attribute: encryptedPasswordColumn, rule: "confirmation" as keyof ValidationRules, options: true, validator: validatePassword})
}
