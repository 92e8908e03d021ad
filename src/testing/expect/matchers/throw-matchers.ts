import {isAsymmetricMatcher} from "../asymmetric.js"
import {equals} from "../equality.js"
import {formatValue} from "../format.js"
import {matchOnce} from "../match-once.js"
import type {DetailedMatcherResult, MatcherContext} from "../types.js"
import {failure, labelled, usageError} from "./report.js"

interface Thrown {
  value: unknown
}

type ErrorClass = abstract new (...args: never[]) => unknown

function messageOf(value: unknown): string {
  if (typeof value === "object" && value !== null && typeof (value as {message?: unknown}).message === "string") return (value as {message: string}).message

  return String(value)
}

function describeThrown(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`

  return formatValue(value)
}

function describeExpected(expected: unknown): string {
  if (expected === undefined) return "an error to be thrown"
  if (typeof expected === "string") return `an error whose message contains ${formatValue(expected)}`
  if (expected instanceof RegExp) return `an error whose message matches ${formatValue(expected)}`
  if (typeof expected === "function") return `an instance of ${expected.name || "an anonymous class"}`
  if (isAsymmetricMatcher(expected)) return `an error matching ${formatValue(expected)}`

  return `an error with the message ${formatValue(messageOf(expected))}`
}

function matchesExpected(thrown: Thrown, expected: unknown): boolean {
  if (expected === undefined) return true
  if (typeof expected === "string") return messageOf(thrown.value).includes(expected)
  if (expected instanceof RegExp) return matchOnce(expected, messageOf(thrown.value))
  if (typeof expected === "function") return thrown.value instanceof (expected as ErrorClass)
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(thrown.value, (a, b) => equals(a, b))

  return messageOf(thrown.value) === messageOf(expected)
}

function isValidExpectation(expected: unknown): boolean {
  return expected === undefined || typeof expected === "string" || typeof expected === "function" || expected instanceof RegExp ||
    (typeof expected === "object" && expected !== null && (isAsymmetricMatcher(expected) || typeof (expected as {message?: unknown}).message === "string"))
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as PromiseLike<unknown>).then === "function"
}

function evaluate(context: MatcherContext, expected: unknown, thrown: Thrown | undefined, notThrownText: string): DetailedMatcherResult {
  return {
    pass: thrown !== undefined && matchesExpected(thrown, expected),
    expected,
    actual: thrown?.value,
    message: () => {
      const expectedText = `${context.isNot ? "not " : ""}${describeExpected(expected)}`
      const receivedText = thrown ? describeThrown(thrown.value) : notThrownText

      return failure(context, [labelled([["Expected", expectedText], ["Received", receivedText]])])
    }
  }
}

export function toThrow(this: MatcherContext, received: unknown, expected?: unknown): DetailedMatcherResult | Promise<DetailedMatcherResult> {
  if (!isValidExpectation(expected)) {
    throw usageError(this, "The expected value must be a string, a RegExp, an error class or an error.", expected)
  }

  // With .rejects the received value is the rejection reason itself.
  if (this.promise === "rejects") return evaluate(this, expected, {value: received}, "nothing thrown")
  if (this.promise === "resolves" && typeof received !== "function") {
    return evaluate(this, expected, received instanceof Error ? {value: received} : undefined, `a promise resolving to ${formatValue(received)}`)
  }

  if (typeof received !== "function") throw usageError(this, "The received value must be a function (wrap the code in () => ...).", received)

  let returned: unknown

  try {
    returned = received()
  } catch (error) {
    return evaluate(this, expected, {value: error}, "")
  }

  if (!isPromiseLike(returned)) return evaluate(this, expected, undefined, "the function did not throw")

  return Promise.resolve(returned).then(
    (value) => evaluate(this, expected, undefined, `the function's promise resolved to ${formatValue(value)}`),
    (error: unknown) => evaluate(this, expected, {value: error}, "")
  )
}
