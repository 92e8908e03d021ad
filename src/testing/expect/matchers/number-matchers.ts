import {formatValue} from "../format.js"
import type {DetailedMatcherResult, MatcherContext} from "../types.js"
import {assertNumber, failure, labelled, usageError} from "./report.js"

type Comparison = (received: number | bigint, expected: number | bigint) => boolean

function compareWith(operator: string, compare: Comparison) {
  return function (this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
    assertNumber(this, received, "received")
    assertNumber(this, expected, "expected")

    return {
      pass: compare(received, expected),
      expected,
      actual: received,
      message: () => {
        const expectedText = `${this.isNot ? "not " : ""}${operator} ${formatValue(expected)}`

        return failure(this, [labelled([["Expected", expectedText], ["Received", formatValue(received)]])])
      }
    }
  }
}

export const toBeGreaterThan = compareWith(">", (received, expected) => received > expected)
export const toBeGreaterThanOrEqual = compareWith(">=", (received, expected) => received >= expected)
export const toBeLessThan = compareWith("<", (received, expected) => received < expected)
export const toBeLessThanOrEqual = compareWith("<=", (received, expected) => received <= expected)

export function toBeCloseTo(this: MatcherContext, received: unknown, expected: unknown, digits: unknown = 2): DetailedMatcherResult {
  if (typeof received !== "number") throw usageError(this, "The received value must be a number.", received, "expected, digits")
  if (typeof expected !== "number") throw usageError(this, "The expected value must be a number.", expected, "expected, digits")
  if (typeof digits !== "number" || !Number.isInteger(digits)) throw usageError(this, "The number of digits must be an integer.", digits, "expected, digits")

  const tolerance = 10 ** -digits / 2
  const difference = Math.abs(expected - received)
  // Infinity - Infinity is NaN, so equal infinities need their own check.
  const pass = received === expected || difference < tolerance

  return {
    pass,
    expected,
    actual: received,
    message: () => {
      const expectedText = `${this.isNot ? "not " : ""}${formatValue(expected)} (within ${tolerance})`
      const rows: [string, string][] = [["Expected", expectedText], ["Received", formatValue(received)], ["Difference", formatValue(difference)]]

      return failure(this, [labelled(rows)], "expected, digits")
    }
  }
}
