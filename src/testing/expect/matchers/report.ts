import {diffValues} from "../diff.js"
import {ExpectationUsageError} from "../errors.js"
import {describeType, formatValue, matcherHint, truncate} from "../format.js"
import type {MatcherContext} from "../types.js"

// With a diff below them the one-line values only need to hint at what is compared.
const maxLineWithDiff = 200

export function hint(context: MatcherContext, expected = "expected", received = "received"): string {
  return matcherHint(context.matcherName, context, received, expected)
}

export function labelled(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2

  return rows.map(([label, text]) => `${`${label}: `.padEnd(width)}${text}`).join("\n")
}

export function failure(context: MatcherContext, sections: (string | undefined)[], expected?: string): string {
  return [hint(context, expected), ...sections.filter((section) => section)].join("\n\n")
}

export function usageError(context: MatcherContext, problem: string, value: unknown, expected?: string): ExpectationUsageError {
  const message = `${hint(context, expected)}\n\n${problem}\n${labelled([["Got", `${formatValue(value)} (${describeType(value)})`]])}`

  return new ExpectationUsageError(message)
}

export function assertNumber(context: MatcherContext, value: unknown, role: "received" | "expected"): asserts value is number | bigint {
  if (typeof value !== "number" && typeof value !== "bigint") {
    throw usageError(context, `The ${role} value must be a number or bigint.`, value)
  }
}

interface ComparisonOptions {
  expectedLabel?: string
  receivedLabel?: string
  diffReceived?: unknown
  note?: string
}

// The shared Expected/Received (+ diff) body used by the equality-style matchers.
export function comparison(context: MatcherContext, expected: unknown, received: unknown, options: ComparisonOptions = {}): string {
  const expectedLabel = options.expectedLabel || "Expected"
  const receivedLabel = options.receivedLabel || "Received"

  if (context.isNot) {
    return failure(context, [labelled([[expectedLabel, `not ${formatValue(expected)}`], [receivedLabel, formatValue(received)]]), options.note])
  }

  const diff = diffValues(expected, "diffReceived" in options ? options.diffReceived : received)
  const format = (value: unknown) => diff ? truncate(formatValue(value), maxLineWithDiff) : formatValue(value)
  const values = labelled([[expectedLabel, format(expected)], [receivedLabel, format(received)]])

  return failure(context, [values, options.note, diff])
}
