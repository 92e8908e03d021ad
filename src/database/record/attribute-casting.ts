import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import {parseStoredDate, storedDateToIso} from "../drivers/base/parse-date.js"
import {dateJson, isPlainDate} from "../../utils/iso-date-time.js"
import {castInteger, isIntegerColumn} from "./integer-casting.js"

/**
 * Drivers return what the database gives (1/0 booleans on SQLite and MySQL, datetime text on
 * SQLite, JSON as text); records answer in JavaScript types by the column's logical type.
 */
export function castFromDatabase(column: ColumnInfo | undefined, value: unknown): unknown {
  if (value === null || value === undefined || !column) return value

  switch (column.type) {
    case "boolean":
      // What the databases give first (1/0, true/false), then what forms send, as Rails casts
      // it: the false values below, "" as null, anything else true (a checkbox sends "on").
      if (value === true || value === 1) return true
      if (value === false || value === 0) return false
      if (value === "") return null

      return !falseValues.has(value)
    case "datetime":
      if (value instanceof Date) return value

      return typeof value === "string" ? parseDatabaseDate(value) : new Date(Number(value))
    case "json":
      // Every driver gives JSON text (pg and mysql2 are configured not to parse it), so a
      // string is always the encoded value, also when that value is a string itself.
      return typeof value === "string" ? JSON.parse(value) : value
    case "integer":
    case "tinyint":
      return typeof value === "bigint" ? Number(value) : typeof value === "string" ? Number(value) : value
    case "bigint":
      if (typeof value === "string" && /^-?\d+$/.test(value)) {
        const number = Number(value)

        return Number.isSafeInteger(number) ? number : value
      }

      return typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value
    default:
      return value
  }
}

// Rails' ActiveModel::Type::Boolean::FALSE_VALUES, with 0n for drivers that give BigInts.
const falseValues: ReadonlySet<unknown> = new Set([false, 0, 0n, "0", "f", "F", "false", "FALSE", "off", "OFF"])

/**
 * Datetime text (SQLite) is left as text when a row is loaded and made a Date on first read, as
 * Rails casts lazily: parsing two timestamps per row was most of the cost of loading rows, and
 * many rows never have theirs read. A record with such text reads through castDeferred().
 */
export function isDeferredCast(column: ColumnInfo | undefined, value: unknown): column is ColumnInfo {
  return typeof value === "string" && column !== undefined && column.type === "datetime"
}

/** Every deferred value of `attributes` cast, in place. */
export function castDeferred(columnsByName: ReadonlyMap<string, ColumnInfo>, attributes: {[name: string]: unknown}): void {
  for (const name in attributes) {
    const column = columnsByName.get(name)
    const value = attributes[name]

    if (isDeferredCast(column, value)) attributes[name] = castFromDatabase(column, value)
  }
}

/** Column types whose values castFromDatabase() may change; the others (text, uuid, ...) pass as they are. */
const castTypes = new Set(["boolean", "datetime", "json", "integer", "tinyint", "bigint"])

export function castsValues(column: ColumnInfo | undefined): column is ColumnInfo {
  return column !== undefined && castTypes.has(column.type)
}

/**
 * The `typeof` of a column's values that castRowInPlace() leaves as they are without asking
 * castFromDatabase(): numbers in integer columns, booleans in boolean columns, parsed JSON,
 * deferred datetime text. Most values of a result are of that type, so most need one compare.
 */
export function uncastType(column: ColumnInfo): string {
  switch (column.type) {
    case "boolean": return "boolean"
    case "datetime": return "string"
    case "json": return "object"
    default: return "number"
  }
}

/** Columns to cast in rows, with uncastType() of each (see castRowInPlace()). */
export interface CastPlan {
  names: string[]
  columns: ColumnInfo[]
  uncastTypes: string[]
}

/** The plan for casting these columns (each of a type that casts, see castsValues()). */
export function castPlanFor(columns: Iterable<ColumnInfo>): CastPlan {
  const plan: CastPlan = {names: [], columns: [], uncastTypes: []}

  for (const column of columns) {
    plan.names.push(column.name)
    plan.columns.push(column)
    plan.uncastTypes.push(uncastType(column))
  }

  return plan
}

/**
 * Casts a row from the driver in place, for a query's own rows that become record attributes
 * as they are: only the plan's columns are visited, and a value is written only when casting
 * changes it. Deferred datetime text stays text.
 */
export function castRowInPlace(plan: CastPlan, row: {[name: string]: unknown}): void {
  const {names, columns, uncastTypes} = plan

  for (let index = 0; index < names.length; index++) {
    const name = names[index]
    const value = row[name]

    // Undefined: a column the row does not have (a narrower select), which stays absent. A Date
    // (pg and mysql2 read datetimes as Dates) is already what castFromDatabase() would return.
    if (value === null || value === undefined || typeof value === uncastTypes[index] || value instanceof Date) continue

    const column = columns[index]

    if (isDeferredCast(column, value)) continue

    const cast = castFromDatabase(column, value)

    if (cast !== value) row[name] = cast
  }
}

/** `YYYY-MM-DD HH:MM:SS(.mmm)` is stored in UTC by every driver. */
function parseDatabaseDate(text: string): Date {
  return parseStoredDate(text) ?? parseDateText(text)
}

function parseDateText(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? `${text.replace(" ", "T")}Z` : text

  return new Date(iso)
}

/**
 * Values written from JavaScript: a column typed boolean or datetime accepts the usual
 * spellings, an integer column casts as Rails does (castInteger()), and a json column's value
 * is written as its JSON text, whatever it is (see encodeJson()).
 */
export function castForDatabase(column: ColumnInfo | undefined, value: unknown): unknown {
  if (value === undefined) return null
  if (value === null || !column) return value

  if (column.type === "json") return encodeJson(column, value)
  if (isIntegerColumn(column)) return castInteger(value)
  if (column.type === "datetime" && typeof value === "string") return new Date(value)
  if (column.type === "boolean" && typeof value !== "boolean") return castFromDatabase(column, value)

  return value
}

/**
 * castForDatabase() of each value of a list (an IN list), in a plain loop rather than map()
 * with a callback: a preload casts its 100 ids here. The column's type is read once, for the
 * usual integer keys, rather than once per value.
 */
export function castListForDatabase(column: ColumnInfo | undefined, values: readonly unknown[]): unknown[] {
  const cast = new Array<unknown>(values.length)

  if (isIntegerColumn(column)) {
    for (let index = 0; index < values.length; index++) {
      const value = values[index]

      cast[index] = value === undefined ? null : castInteger(value)
    }
  } else {
    for (let index = 0; index < values.length; index++) cast[index] = castForDatabase(column, values[index])
  }

  return cast
}

/**
 * Every value of a json column is stored encoded, as Rails does: a string becomes a JSON string,
 * true stays JSON true. Until 2026-12 only objects and arrays were encoded and the rest bound as
 * they were: a string was stored as bare text (which SQLite and MySQL then failed to parse on
 * load, and PostgreSQL refused), a boolean became 1 or 0. Reading parses the text again
 * (castFromDatabase()), so the value reads back as the one given, and a string assigned reads
 * as that string, JSON text or not.
 */
function encodeJson(column: ColumnInfo, value: unknown): string {
  let text: string | undefined

  try {
    text = JSON.stringify(value)
  } catch (error) {
    throw new TypeError(`Cannot store ${describeValue(value)} in the json column "${column.name}": ${(error as Error).message}`)
  }

  // Functions, symbols and the like have no JSON text.
  if (text === undefined) throw new TypeError(`Cannot store ${describeValue(value)} in the json column "${column.name}": JSON has no value for it; give an object, array, string, number, boolean or null`)

  return text
}

function describeValue(value: unknown): string {
  return typeof value === "object" ? "this object" : `a ${typeof value}`
}

/**
 * A copy of the attributes with the datetime columns' values already the JSON text
 * JSON.stringify would write for them: deferred datetime text straight to ISO text (no Date
 * made), Dates through dateJson() as Date#toJSON() would (a Date with its own toJSON or
 * toISOString is left to JSON.stringify). Serializing Dates was most of the cost of rendering
 * loaded records as JSON. Everything else is left for JSON.stringify.
 */
export function jsonAttributes(datetimeColumns: readonly ColumnInfo[], attributes: {[name: string]: unknown}): {[name: string]: unknown} {
  const json = {...attributes}

  for (let index = 0; index < datetimeColumns.length; index++) {
    const column = datetimeColumns[index]
    const name = column.name
    const value = json[name]

    if (typeof value === "string") {
      json[name] = storedDateToIso(value) ?? dateJson(castFromDatabase(column, value) as Date)
    } else if (isPlainDate(value)) {
      json[name] = dateJson(value)
    }
  }

  return json
}
