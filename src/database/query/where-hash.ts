import type Record from "../record/index.js"
import {UnknownAttributeError} from "../record/errors.js"
import {isIntegerColumn, matchesNoInteger} from "../record/integer-casting.js"
import {modelByTableName} from "../record/model-registry.js"
import {translatedWhereFragment} from "../record/translations/translated-where.js"
import type {SqlFragment} from "./query-state.js"

export interface WhereHashContext {
  /** Quotes an identifier for the model's dialect. */
  quote: (name: string) => string
  /** Joins a relationship path (from the query root) and returns the alias its table has in the query. */
  joinPath: (path: string[]) => string
  /** The model behind a join alias of the query (`projects_2`), so a table hash can name an alias. */
  joinedModel?: (alias: string) => typeof Record | undefined
}

type Conditions = {[key: string]: unknown}

function isPlainObject(value: unknown): value is Conditions {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.getPrototypeOf(value) === Object.prototype
}

const placeholderLists: string[] = []

/** `?, ?, ?` for `count` values; a preload sends lists of the same few lengths again and again. */
function placeholders(count: number): string {
  let list = placeholderLists[count]

  if (list === undefined) {
    list = new Array(count).fill("?").join(", ")
    if (count <= 1000) placeholderLists[count] = list
  }

  return list
}

/** A where() value no row can equal (see queryValue()). */
const matchesNothing = Symbol("matchesNothing")

// Plain loops over IN lists rather than some() with a callback: a preload's list of 100 ids
// passes through each of these, and the callbacks showed in callgrind.
function hasNullish(values: unknown[]): boolean {
  for (let index = 0; index < values.length; index++) if (values[index] === null || values[index] === undefined) return true

  return false
}

function hasTextNoIntegerMatches(values: unknown[]): boolean {
  for (let index = 0; index < values.length; index++) if (matchesNoInteger(values[index])) return true

  return false
}

/**
 * A where() value cast as the column writes it; text an integer column cannot hold ("abc")
 * matches nothing, as in Rails, where casting it to 0 would match the rows holding 0.
 */
function queryValue(model: typeof Record, column: string, value: unknown): unknown {
  if (isIntegerColumn(model.getMetadata().columnsByName.get(column))) {
    if (Array.isArray(value)) {
      if (hasTextNoIntegerMatches(value)) value = value.filter((each) => !matchesNoInteger(each))
    } else if (matchesNoInteger(value)) {
      return matchesNothing
    }
  }

  return model.castAttributeForDatabase(column, value)
}

function condition(column: string, value: unknown): SqlFragment {
  if (value === null || value === undefined) return {sql: `${column} IS NULL`, params: []}
  if (value === matchesNothing) return {sql: "1 = 0", params: []}

  if (Array.isArray(value)) {
    const hasNull = hasNullish(value)
    const values = hasNull ? value.filter((each) => each !== null && each !== undefined) : value

    if (values.length === 0) return {sql: hasNull ? `${column} IS NULL` : "1 = 0", params: []}

    const inList = `${column} IN (${placeholders(values.length)})`

    return {sql: hasNull ? `(${inList} OR ${column} IS NULL)` : inList, params: values}
  }

  return {sql: `${column} = ?`, params: [value]}
}

/**
 * `{status: "open", project: {public: true}, projects: {name: "A"}}` → SQL with bound values.
 * A key is an attribute of the model (camelCase or snake_case), a relationship (joined and
 * filtered on its table) or a table name. Anything else is an error naming the model.
 */
export function whereHash(model: typeof Record, alias: string, conditions: Conditions, context: WhereHashContext, path: string[] = []): SqlFragment[] {
  const fragments: SqlFragment[] = []

  for (const [key, value] of Object.entries(conditions)) {
    const column = model.getMetadata().columnFor(key)
    const plainObject = isPlainObject(value)

    // The common case first: a column and its value.
    if (column && !plainObject) {
      fragments.push(condition(`${context.quote(alias)}.${context.quote(column)}`, queryValue(model, column, value)))
      continue
    }

    const relationship = model.getRelationships().get(key)
    // `nameEn: "Alpha"` on a model with Model.translates("name").
    const translated = column || plainObject ? undefined : translatedWhereFragment(model, alias, key, value, context.quote)

    if (relationship && plainObject) {
      const relationshipPath = [...path, key]
      const target = relationship.targetModel()

      fragments.push(...whereHash(target, context.joinPath(relationshipPath), value, context, relationshipPath))
    } else if (column && !(isPlainObject(value) && key === model.getTableName())) {
      fragments.push(condition(`${context.quote(alias)}.${context.quote(column)}`, queryValue(model, column, value)))
    } else if (translated) {
      fragments.push(translated)
    } else if (isPlainObject(value)) {
      const tableModel = key === model.getTableName() ? model : context.joinedModel?.(key) ?? modelByTableName(key)

      if (!tableModel) throw new UnknownAttributeError(`${model.name} has no attribute, relationship or table named '${key}' to filter on`)

      fragments.push(...whereHash(tableModel, tableModel === model ? alias : key, value, context, tableModel === model ? path : []))
    } else {
      const known = model.getMetadata().columnNames().join(", ")

      throw new UnknownAttributeError(`${model.name} has no column '${key}' (table ${model.getTableName()}; columns: ${known})`)
    }
  }

  return fragments
}
