import {isAsymmetricMatcher} from "./asymmetric.js"
import type {EqualsOptions} from "./types.js"

type Indexable = Record<PropertyKey, unknown>

const toTag = (value: unknown): string => Object.prototype.toString.call(value)

export function equals(received: unknown, expected: unknown, options: EqualsOptions = {}): boolean {
  return deepEquals(received, expected, Boolean(options.strict), [], [])
}

// Undefined-valued properties are invisible to toEqual, mirroring how JSON and most callers treat them.
export function comparableKeys(value: object, strict: boolean): PropertyKey[] {
  const keys: PropertyKey[] = Object.keys(value)

  for (const symbol of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol)
  }

  return strict ? keys : keys.filter((key) => (value as Indexable)[key] !== undefined)
}

function asymmetricResult(a: unknown, b: unknown, strict: boolean): boolean | undefined {
  const aIsMatcher = isAsymmetricMatcher(a)
  const bIsMatcher = isAsymmetricMatcher(b)

  // Two matchers are compared structurally, like any other objects.
  if (aIsMatcher === bIsMatcher) return undefined

  const nestedEquals = (x: unknown, y: unknown) => deepEquals(x, y, strict, [], [])

  return aIsMatcher ? a.asymmetricMatch(b, nestedEquals) : (b as typeof a & {asymmetricMatch: Function}).asymmetricMatch(a, nestedEquals)
}

function deepEquals(a: unknown, b: unknown, strict: boolean, aStack: unknown[], bStack: unknown[]): boolean {
  const asymmetric = asymmetricResult(a, b, strict)

  if (asymmetric !== undefined) return asymmetric
  if (Object.is(a, b)) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false

  const tag = toTag(a)

  if (tag !== toTag(b)) return false
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false

  switch (tag) {
    case "[object Date]":
      return Object.is((a as Date).getTime(), (b as Date).getTime())
    case "[object RegExp]":
      return (a as RegExp).source === (b as RegExp).source && (a as RegExp).flags === (b as RegExp).flags
    case "[object Number]":
    case "[object String]":
    case "[object Boolean]":
      return Object.is(a.valueOf(), b.valueOf())
  }

  if (a instanceof Error && b instanceof Error && (a.name !== b.name || a.message !== b.message)) return false

  // A cycle is equal when both sides loop back to the same depth.
  const seenAt = aStack.indexOf(a)

  if (seenAt !== -1) return bStack[seenAt] === b

  aStack.push(a)
  bStack.push(b)

  try {
    if (tag === "[object Map]") return mapsEqual(a as Map<unknown, unknown>, b as Map<unknown, unknown>, strict, aStack, bStack)
    if (tag === "[object Set]") return setsEqual(a as Set<unknown>, b as Set<unknown>, strict, aStack, bStack)
    if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false

    return keysEqual(a, b, strict, aStack, bStack)
  } finally {
    aStack.pop()
    bStack.pop()
  }
}

function keysEqual(a: object, b: object, strict: boolean, aStack: unknown[], bStack: unknown[]): boolean {
  const aKeys = comparableKeys(a, strict)
  const bKeys = new Set(comparableKeys(b, strict))

  if (aKeys.length !== bKeys.size) return false

  return aKeys.every((key) => bKeys.has(key) && deepEquals((a as Indexable)[key], (b as Indexable)[key], strict, aStack, bStack))
}

function mapsEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>, strict: boolean, aStack: unknown[], bStack: unknown[]): boolean {
  if (a.size !== b.size) return false

  for (const [key, value] of a) {
    if (b.has(key)) {
      if (!deepEquals(value, b.get(key), strict, aStack, bStack)) return false
      continue
    }

    let found = false

    for (const [otherKey, otherValue] of b) {
      if (deepEquals(key, otherKey, strict, aStack, bStack) && deepEquals(value, otherValue, strict, aStack, bStack)) {
        found = true
        break
      }
    }

    if (!found) return false
  }

  return true
}

function setsEqual(a: Set<unknown>, b: Set<unknown>, strict: boolean, aStack: unknown[], bStack: unknown[]): boolean {
  if (a.size !== b.size) return false

  for (const value of a) {
    if (b.has(value)) continue

    let found = false

    for (const other of b) {
      if (deepEquals(value, other, strict, aStack, bStack)) {
        found = true
        break
      }
    }

    if (!found) return false
  }

  return true
}
