import {formatValue} from "../format.js"
import type {DetailedMatcherResult, MatcherContext} from "../types.js"
import {failure, labelled, usageError} from "./report.js"

function receivedOnly(context: MatcherContext, received: unknown, pass: boolean): DetailedMatcherResult {
  return {
    pass,
    actual: received,
    message: () => failure(context, [labelled([["Received", formatValue(received)]])], "")
  }
}

function sameAs(context: MatcherContext, received: unknown, expected: null | undefined, pass: boolean): DetailedMatcherResult {
  return {
    pass,
    expected,
    actual: received,
    message: () => {
      const expectedText = context.isNot ? `not ${formatValue(expected)}` : formatValue(expected)

      return failure(context, [labelled([["Expected", expectedText], ["Received", formatValue(received)]])], "")
    }
  }
}

export function toBeTruthy(this: MatcherContext, received: unknown): DetailedMatcherResult {
  return receivedOnly(this, received, Boolean(received))
}

export function toBeFalsy(this: MatcherContext, received: unknown): DetailedMatcherResult {
  return receivedOnly(this, received, !received)
}

export function toBeNull(this: MatcherContext, received: unknown): DetailedMatcherResult {
  return sameAs(this, received, null, received === null)
}

export function toBeUndefined(this: MatcherContext, received: unknown): DetailedMatcherResult {
  return sameAs(this, received, undefined, received === undefined)
}

export function toBeDefined(this: MatcherContext, received: unknown): DetailedMatcherResult {
  return receivedOnly(this, received, received !== undefined)
}

export function toBeNaN(this: MatcherContext, received: unknown): DetailedMatcherResult {
  return receivedOnly(this, received, typeof received === "number" && Number.isNaN(received))
}

export function toBeInstanceOf(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  if (typeof expected !== "function") throw usageError(this, "The expected value must be a class or constructor function.", expected)

  const expectedClass = expected as abstract new (...args: never[]) => unknown
  const receivedClass = typeof received === "object" && received !== null ? Object.getPrototypeOf(received)?.constructor?.name : undefined

  return {
    pass: received instanceof expectedClass,
    expected,
    actual: received,
    message: () => {
      const expectedText = `${this.isNot ? "not " : ""}an instance of ${expectedClass.name || "an anonymous class"}`
      const receivedText = `${formatValue(received)}${receivedClass ? ` (an instance of ${receivedClass})` : ""}`

      return failure(this, [labelled([["Expected", expectedText], ["Received", receivedText]])])
    }
  }
}
