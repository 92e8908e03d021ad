import {isAsymmetricMatcher} from "./asymmetric.js"
import {comparableKeys, equals} from "./equality.js"

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null

// Only plain-ish objects are matched key by key; Dates, Maps, Errors and friends must be fully equal.
function isSubsetObject(value: unknown): value is object {
  return isObject(value) && !Array.isArray(value) && Object.prototype.toString.call(value) === "[object Object]"
}

export function matchesSubset(received: unknown, expected: unknown, seen = new WeakMap<object, unknown>()): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(received, (a, b) => equals(a, b))
  if (!Array.isArray(expected) && !isSubsetObject(expected)) return equals(received, expected)

  // Cyclic expectations are assumed to hold where they loop back to a pair already being compared.
  if (seen.get(expected) === received) return true

  seen.set(expected, received)

  if (Array.isArray(expected)) {
    return Array.isArray(received) &&
      received.length === expected.length &&
      expected.every((item, index) => matchesSubset(received[index], item, seen))
  }

  if (!isObject(received) || Array.isArray(received)) return false

  return comparableKeys(expected, true).every((key) => {
    if (!(key in received)) return false

    return matchesSubset((received as Record<PropertyKey, unknown>)[key], (expected as Record<PropertyKey, unknown>)[key], seen)
  })
}
