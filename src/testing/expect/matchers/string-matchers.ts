import {formatValue} from "../format.js"
import {matchOnce} from "../match-once.js"
import type {DetailedMatcherResult, MatcherContext} from "../types.js"
import {failure, labelled, usageError} from "./report.js"

export function toMatch(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  if (typeof received !== "string") throw usageError(this, "The received value must be a string.", received)
  if (typeof expected !== "string" && !(expected instanceof RegExp)) throw usageError(this, "The expected value must be a string or a RegExp.", expected)

  const pass = typeof expected === "string" ? received.includes(expected) : matchOnce(expected, received)

  return {
    pass,
    expected,
    actual: received,
    message: () => {
      const expectedLabel = typeof expected === "string" ? "Expected substring" : "Expected pattern"

      return failure(this, [labelled([[expectedLabel, `${this.isNot ? "not " : ""}${formatValue(expected)}`], ["Received string", formatValue(received)]])])
    }
  }
}
