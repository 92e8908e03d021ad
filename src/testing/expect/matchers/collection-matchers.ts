import {diffValues} from "../diff.js"
import {equals} from "../equality.js"
import {formatValue} from "../format.js"
import type {DetailedMatcherResult, MatcherContext} from "../types.js"
import {failure, labelled, usageError} from "./report.js"

function itemsOf(context: MatcherContext, received: unknown): unknown[] {
  if (received !== null && received !== undefined && typeof (received as Iterable<unknown>)[Symbol.iterator] === "function") {
    return Array.from(received as Iterable<unknown>)
  }

  throw usageError(context, "The received value must be a string, an array or another iterable.", received)
}

function containMessage(context: MatcherContext, received: unknown, expected: unknown, itemLabel: string): () => string {
  return () => {
    const isString = typeof received === "string"
    const expectedText = `${context.isNot ? "not " : ""}${formatValue(expected)}`

    return failure(context, [labelled([[`Expected ${isString ? "substring" : itemLabel}`, expectedText], [`Received ${isString ? "string" : "value"}`, formatValue(received)]])])
  }
}

export function toContain(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  let pass: boolean

  if (typeof received === "string") {
    if (typeof expected !== "string") throw usageError(this, "A string can only contain a string; the expected value is not one.", expected)

    pass = received.includes(expected)
  } else {
    pass = itemsOf(this, received).some((item) => item === expected)
  }

  return {pass, expected, actual: received, message: containMessage(this, received, expected, "item")}
}

export function toContainEqual(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  const pass = itemsOf(this, received).some((item) => equals(item, expected))

  return {pass, expected, actual: received, message: containMessage(this, received, expected, "item (deep equality)")}
}

export function toHaveLength(this: MatcherContext, received: unknown, expected: unknown): DetailedMatcherResult {
  if (received === null || received === undefined || typeof (received as {length?: unknown}).length !== "number") {
    throw usageError(this, "The received value must have a numeric length property.", received)
  }

  if (typeof expected !== "number" || !Number.isInteger(expected) || expected < 0) {
    throw usageError(this, "The expected length must be a non-negative integer.", expected)
  }

  const length = (received as {length: number}).length

  return {
    pass: length === expected,
    expected,
    actual: received,
    message: () => {
      const rows: [string, string][] = [
        ["Expected length", `${this.isNot ? "not " : ""}${expected}`],
        ["Received length", String(length)],
        ["Received value", formatValue(received)]
      ]

      return failure(this, [labelled(rows)])
    }
  }
}

function pathKeys(received: object, path: string | readonly PropertyKey[]): PropertyKey[] {
  if (typeof path !== "string") return [...path]

  // A key that literally contains dots wins over reading it as a path.
  if (Object.prototype.hasOwnProperty.call(received, path)) return [path]

  return path.match(/[^.[\]]+/g) || []
}

export function toHaveProperty(this: MatcherContext, received: unknown, path: unknown, ...value: unknown[]): DetailedMatcherResult {
  const expectedArgs = value.length > 0 ? "path, value" : "path"

  if (received === null || received === undefined) throw usageError(this, "The received value must not be null or undefined.", received, expectedArgs)

  const validPath = (typeof path === "string" && path !== "") ||
    (Array.isArray(path) && path.length > 0 && path.every((key) => ["string", "number", "symbol"].includes(typeof key)))

  if (!validPath) throw usageError(this, "The path must be a non-empty string or array of keys.", path, expectedArgs)

  const keys = pathKeys(Object(received), path as string | PropertyKey[])
  const reached: PropertyKey[] = []
  let current: unknown = received
  let found = true

  for (const key of keys) {
    if (current === null || current === undefined || !(key in Object(current))) {
      found = false
      break
    }

    current = (current as Record<PropertyKey, unknown>)[key]
    reached.push(key)
  }

  const hasValue = value.length > 0
  const pass = found && (!hasValue || equals(current, value[0]))

  return {
    pass,
    expected: hasValue ? value[0] : path,
    actual: received,
    message: () => {
      const rows: [string, string][] = [["Expected path", `${this.isNot ? "not " : ""}${formatValue(path)}`]]

      if (!found) {
        rows.push(["Received path", reached.length > 0 ? `${formatValue(reached.map(String).join("."))} (the deepest that exists)` : "none of it exists"])
        rows.push(["Received value", formatValue(received)])

        return failure(this, [labelled(rows)], expectedArgs)
      }

      if (hasValue) rows.push(["Expected value", `${this.isNot ? "not " : ""}${formatValue(value[0])}`])

      rows.push(["Received value", formatValue(current)])

      return failure(this, [labelled(rows), hasValue && !this.isNot ? diffValues(value[0], current) : undefined], expectedArgs)
    }
  }
}
