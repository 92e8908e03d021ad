import {equals} from "../equality.js"
import {formatValue} from "../format.js"
import type {DetailedMatcherResult, MatcherContext, MatcherDefinitions} from "../types.js"
import {failure, labelled, usageError} from "./report.js"

interface AttributeReader {
  readAttribute(name: string): unknown
  id?: () => unknown
}

interface AttributeComparison {
  name: string
  expected: unknown
  /** What the record holds, or why it could not be read. */
  received: {value: unknown} | {error: string}
  matches: boolean
}

// Duck-typed rather than `instanceof Record`: the matchers must not pull the database layer into every test run.
function isRecord(value: unknown): value is AttributeReader {
  return typeof value === "object" && value !== null && typeof (value as AttributeReader).readAttribute === "function"
}

function isAttributeHash(value: unknown): value is {[name: string]: unknown} {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function compare(record: AttributeReader, name: string, expected: unknown): AttributeComparison {
  try {
    const value = record.readAttribute(name)

    return {name, expected, received: {value}, matches: equals(value, expected)}
  } catch (error) {
    return {name, expected, received: {error: error instanceof Error ? error.message : String(error)}, matches: false}
  }
}

function describeRecord(record: AttributeReader): string {
  const modelName = record.constructor?.name || "record"
  const id = typeof record.id === "function" ? record.id() : undefined

  return id === null || id === undefined ? `a new ${modelName}` : `${modelName} with id ${formatValue(id)}`
}

function receivedText(comparison: AttributeComparison): string {
  return "error" in comparison.received ? `(not readable: ${comparison.received.error})` : formatValue(comparison.received.value)
}

/** `expect(account).toHaveAttributes({name: "My event company"})`: each attribute (camelCase or snake_case) read with readAttribute. */
export function toHaveAttributes(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  if (!isRecord(received)) throw usageError(this, "The received value must be a record (an object with readAttribute()).", received)
  if (!isAttributeHash(expected) || Object.keys(expected).length === 0) {
    throw usageError(this, "The expected value must be an object with at least one attribute name and value.", expected)
  }

  const comparisons = Object.entries(expected).map(([name, value]) => compare(received, name, value))
  const mismatches = comparisons.filter((comparison) => !comparison.matches)
  const receivedValues = Object.fromEntries(comparisons.map((comparison) => [comparison.name, "error" in comparison.received ? undefined : comparison.received.value]))

  return {
    pass: mismatches.length === 0,
    expected,
    actual: receivedValues,
    message: () => {
      if (this.isNot) {
        const rows = comparisons.map((comparison): [string, string] => [comparison.name, formatValue(comparison.expected)])

        return failure(this, [`Expected ${describeRecord(received)} not to have these attributes, but every one matched:`, labelled(rows)])
      }

      const rows = mismatches.map((comparison) => `${comparison.name}: expected ${formatValue(comparison.expected)}, received ${receivedText(comparison)}`)
      const count = `${mismatches.length} of ${comparisons.length} attribute${comparisons.length === 1 ? "" : "s"}`

      return failure(this, [`${count} of ${describeRecord(received)} did not match:`, rows.map((row) => `  ${row}`).join("\n")])
    }
  }
}

export const recordMatchers: MatcherDefinitions = {toHaveAttributes}
