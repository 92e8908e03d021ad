import type Record from "../database/record/index.js"
import {isIntegerColumn, matchesNoInteger} from "../database/record/integer-casting.js"
import {AbilityDefinitionError} from "./errors.js"
import type {RuleConditions} from "./rule.js"

function isPlainObject(value: unknown): value is {[key: string]: unknown} {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.getPrototypeOf(value) === Object.prototype
}

/** One comparable form per value: what a row holds and what a rule says compare equal when the database would. */
function comparable(model: typeof Record, column: string, value: unknown): string {
  const info = model.getMetadata().columnsByName.get(column)
  const cast = model.castAttributeFromDatabase(info, model.castAttributeForDatabase(column, value))

  if (cast instanceof Date) return `date:${cast.getTime()}`
  if (typeof cast === "object" && cast !== null) return `json:${JSON.stringify(cast)}`

  return `${typeof cast === "bigint" ? "number" : typeof cast}:${String(cast)}`
}

function valueMatches(model: typeof Record, column: string, actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return expected.some((each) => valueMatches(model, column, actual, each))
  if (expected === null || expected === undefined) return actual === null || actual === undefined
  if (actual === null || actual === undefined) return false
  // Text that is no number matches no integer, as in SQL (where-hash.ts), rather than the 0 it casts to.
  if (matchesNoInteger(expected) && isIntegerColumn(model.getMetadata().columnsByName.get(column))) return false

  return comparable(model, column, actual) === comparable(model, column, expected)
}

/**
 * The in-memory reading of a rule's where-hash, meaning what the same hash means in SQL: every
 * key must match; an array is IN; a nested hash filters through a relationship, which must be
 * loaded (a hasMany matches when any of its records does, as a join would).
 */
export function recordMatches(record: Record, conditions: RuleConditions): boolean {
  const model = record.getModel()

  for (const [key, expected] of Object.entries(conditions)) {
    const column = model.getMetadata().columnFor(key)

    if (column && !isPlainObject(expected)) {
      if (!valueMatches(model, column, record.readColumn(column), expected)) return false
      continue
    }

    const relationship = model.getRelationships().get(key)

    if (!relationship || !isPlainObject(expected)) {
      throw new AbilityDefinitionError(`A rule for ${model.name} filters on '${key}', which is neither a column nor a relationship (with a hash) of ${model.name}; an ability checks only those in memory`)
    }

    const {loaded, value} = record.getLoadedRelationship(key)

    if (!loaded) {
      const loader = `load${key.charAt(0).toUpperCase()}${key.slice(1)}`

      throw new AbilityDefinitionError(`ability.can() checks ${model.name} in memory and a rule filters on its '${key}': load it first (await record.${loader}()), or check in SQL with ${model.name}.accessible(ability)`)
    }

    const related = Array.isArray(value) ? value as Record[] : value ? [value as Record] : []

    if (!related.some((each) => recordMatches(each, expected))) return false
  }

  return true
}
