import type Record from "../index.js"

export type Validator = (args: {record: Record, attribute: string, value: unknown, options: any}) => void | Promise<void>

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0)
}

const presence: Validator = ({record, attribute, value}) => {
  if (isBlank(value)) record.errors.add(attribute, "can't be blank")
}

const uniqueness: Validator = async ({record, attribute, value, options}) => {
  if (value === null || value === undefined) return

  const model = record.getModel()
  const scope = typeof options === "object" && options.scope ? [options.scope].flat() as string[] : []
  const conditions: {[key: string]: unknown} = {[attribute]: value}

  for (const scopeAttribute of scope) conditions[scopeAttribute] = record.readAttribute(scopeAttribute)

  let query = model.where(conditions)

  if (record.isPersisted()) query = query.where(`${model.connection().quoteIdentifier(model.getTableName())}.${model.connection().quoteIdentifier(model.primaryKey)} <> ?`, record.id())
  if (await query.exists()) record.errors.add(attribute, "has already been taken")
}

const length: Validator = ({record, attribute, value, options}) => {
  if (value === null || value === undefined) return

  const size = String(value).length

  if (options.is !== undefined && size !== options.is) record.errors.add(attribute, `is the wrong length (should be ${options.is} characters)`)
  if (options.minimum !== undefined && size < options.minimum) record.errors.add(attribute, `is too short (minimum is ${options.minimum} characters)`)
  if (options.maximum !== undefined && size > options.maximum) record.errors.add(attribute, `is too long (maximum is ${options.maximum} characters)`)
}

const format: Validator = ({record, attribute, value, options}) => {
  if (value === null || value === undefined) return

  if (!(options.with instanceof RegExp)) throw new TypeError(`validates("${attribute}", {format}) needs {with: /regex/}`)

  options.with.lastIndex = 0
  if (!options.with.test(String(value))) record.errors.add(attribute, options.message || "is invalid")
}

// The value as given, before an integer column truncated "1.5" to 1 or read "abc" as 0 (as Rails validates it).
const numericality: Validator = ({record, attribute, options}) => {
  const value = record.readAttributeBeforeTypeCast(attribute)

  if (value === null || value === undefined) return

  const number = typeof value === "number" ? value : Number(String(value).trim() === "" ? NaN : value)
  const rules = typeof options === "object" ? options : {}

  if (!Number.isFinite(number)) return record.errors.add(attribute, "is not a number")
  if (rules.onlyInteger && !Number.isInteger(number)) return record.errors.add(attribute, "must be an integer")
  if (rules.greaterThan !== undefined && !(number > rules.greaterThan)) record.errors.add(attribute, `must be greater than ${rules.greaterThan}`)
  if (rules.greaterThanOrEqualTo !== undefined && !(number >= rules.greaterThanOrEqualTo)) record.errors.add(attribute, `must be greater than or equal to ${rules.greaterThanOrEqualTo}`)
  if (rules.lessThan !== undefined && !(number < rules.lessThan)) record.errors.add(attribute, `must be less than ${rules.lessThan}`)
  if (rules.lessThanOrEqualTo !== undefined && !(number <= rules.lessThanOrEqualTo)) record.errors.add(attribute, `must be less than or equal to ${rules.lessThanOrEqualTo}`)
}

const inclusion: Validator = ({record, attribute, value, options}) => {
  if (value === null || value === undefined) return

  if (!options.in.includes(value)) record.errors.add(attribute, options.message || "is not included in the list")
}

export const validators: {[rule: string]: Validator} = {presence, uniqueness, length, format, numericality, inclusion}
