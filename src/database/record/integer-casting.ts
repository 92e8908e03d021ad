import {exactInteger} from "../drivers/base/exact-integers.js"
import type {ColumnInfo} from "../drivers/base/introspection-types.js"

/**
 * What an integer, tinyint or bigint attribute makes of a value given to it, as Rails' integer
 * type does, so it is the same on every database. Before 2026-12 such values went to the
 * driver as they were, and each database did its own thing: "abc" was stored as NULL on SQLite
 * and as 0 on MariaDB, and failed the INSERT on PostgreSQL (a 500 for a form field); 1.5 stayed
 * 1.5 on SQLite, became 2 on MariaDB and failed on PostgreSQL.
 *
 * - a number: truncated toward zero (1.9 → 1, -1.9 → -1); NaN and the infinities → null
 * - a string: "" and blanks → null; otherwise its leading integer as Ruby's to_i reads it
 *   ("42" → 42, " 12 " → 12, "1.5" → 1, "12abc" → 12, "1_000" → 1000), and 0 when it has none
 *   ("abc" → 0). numericality validations see the value as given (readAttributeBeforeTypeCast()),
 *   so "abc" is "not a number" and "1.5" is "not an integer", as in Rails.
 * - true → 1, false → 0; a BigInt → a number when it is a safe integer
 * - an integer past 2^53 given as text or a BigInt stays its exact text in a bigint column
 *   (see big-integers in the README); in an integer or tinyint column it is the database's to
 *   refuse as out of range.
 * - anything else (a Date, an object) → null, as Rails gives nil for what has no to_i
 */
export function castInteger(value: unknown): unknown {
  switch (typeof value) {
    case "number":
      // A whole number as it is (the usual id): a new number from Math.trunc() would be a heap
      // allocation per value of an IN list. -0 becomes 0.
      if (Number.isInteger(value)) return value === 0 ? 0 : value

      return Number.isFinite(value) ? Math.trunc(value) + 0 : null
    case "boolean":
      return value ? 1 : 0
    case "bigint":
      return exactInteger(value)
    case "string":
      return integerOfText(value)
    default:
      return value === null || value === undefined ? value : null
  }
}

// Ruby's String#to_i: leading blanks, a sign, then digits with single underscores between them.
const leadingInteger = /^\s*([+-]?\d+(?:_\d+)*)/

function integerOfText(text: string): number | string | null {
  if (text.trim() === "") return null

  const match = leadingInteger.exec(text)

  if (!match) return 0

  const digits = match[1].replaceAll("_", "")
  const number = Number(digits)

  if (Number.isSafeInteger(number)) return number + 0

  // Past 2^53: the exact digits, without a plus sign or leading zeros, as the databases give them back.
  return BigInt(digits).toString()
}

// Rails' Numeric::NUMERIC_REGEX: what a query compares with an integer column at all.
const numericText = /^\s*[+-]?\d/

/**
 * Whether a value given to where() for an integer column can match no row: text that is not a
 * number ("abc"). Rails binds NULL for it, so `where({id: "abc"})` finds nothing, and
 * `find("abc")` raises RecordNotFound; until 2026-12 the databases differed (MariaDB compared
 * with 0, PostgreSQL failed the query).
 */
export function matchesNoInteger(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== "" && !numericText.test(value)
}

/** Whether the column is an integer, tinyint or bigint one, whose values castInteger() casts. */
export function isIntegerColumn(column: ColumnInfo | undefined): boolean {
  if (column === undefined) return false

  const type = column.type

  return type === "integer" || type === "tinyint" || type === "bigint"
}
