import {alignForDiff} from "../align-for-diff.js"
import {equals} from "../equality.js"
import {matchesSubset} from "../subset-equality.js"
import type {DetailedMatcherResult, MatcherContext} from "../types.js"
import {comparison, usageError} from "./report.js"

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null

export function toBe(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  const pass = Object.is(received, expected)

  return {
    pass,
    expected,
    actual: received,
    message: () => {
      const sameContent = !pass && isObject(received) && equals(received, expected, {strict: true})
      const note = sameContent ? "The values have the same content but are different objects; use toEqual or toStrictEqual to compare content." : undefined

      return comparison(this, expected, received, {note})
    }
  }
}

export function toEqual(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  return {
    pass: equals(received, expected),
    expected,
    actual: received,
    message: () => comparison(this, expected, received, {diffReceived: alignForDiff(received, expected, false)})
  }
}

export function toStrictEqual(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  const pass = equals(received, expected, {strict: true})

  return {
    pass,
    expected,
    actual: received,
    message: () => {
      const looselyEqual = !pass && equals(received, expected)
      const note = looselyEqual ? "The values are equal with toEqual; toStrictEqual also compares classes, undefined properties and array holes." : undefined

      return comparison(this, expected, received, {diffReceived: alignForDiff(received, expected, false), note})
    }
  }
}

export function toMatchObject(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  if (!isObject(received)) throw usageError(this, "The received value must be a non-null object or array.", received)
  if (!isObject(expected)) throw usageError(this, "The expected value must be a non-null object or array.", expected)

  return {
    pass: matchesSubset(received, expected),
    expected,
    actual: received,
    message: () => comparison(this, expected, received, {diffReceived: alignForDiff(received, expected, true)})
  }
}
