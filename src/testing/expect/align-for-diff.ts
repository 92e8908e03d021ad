import {inspect} from "node:util"
import {isAsymmetricMatcher} from "./asymmetric.js"
import {comparableKeys, equals} from "./equality.js"

type Indexable = Record<PropertyKey, unknown>

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null

function isCopyable(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)

  // A custom inspect could read private state that a copy does not have.
  return Object.prototype.toString.call(value) === "[object Object]" && typeof (value as Indexable)[inspect.custom] !== "function" &&
    (prototype === null || prototype === Object.prototype || typeof prototype.constructor === "function")
}

/**
 * A copy of `received` shaped like `expected`, so a diff only shows real differences: parts matched by an
 * asymmetric matcher print as that matcher, and with `subset` only the keys `expected` asks about remain.
 */
export function alignForDiff(received: unknown, expected: unknown, subset: boolean): unknown {
  try {
    return align(received, expected, subset, new Map())
  } catch {
    return received
  }
}

// `copies` maps each received object to its copy, so cycles in received stay cycles in the copy.
function align(received: unknown, expected: unknown, subset: boolean, copies: Map<object, unknown>): unknown {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(received, (a, b) => equals(a, b)) ? expected : received
  if (!isObject(received) || !isObject(expected)) return received
  if (copies.has(received)) return copies.get(received)

  if (Array.isArray(received)) {
    if (!Array.isArray(expected)) return received

    const copy: unknown[] = []

    copies.set(received, copy)
    received.forEach((item, index) => {
      copy[index] = index < expected.length ? align(item, expected[index], subset, copies) : item
    })

    return copy
  }

  if (Array.isArray(expected) || !isCopyable(received) || !isCopyable(expected)) return received

  const copy = Object.create(Object.getPrototypeOf(received)) as Indexable

  copies.set(received, copy)
  const keys = subset ? comparableKeys(expected, true).filter((key) => key in received) : comparableKeys(received, true)

  for (const key of keys) {
    const value = (received as Indexable)[key]
    const aligned = key in expected ? align(value, (expected as Indexable)[key], subset, copies) : value

    Object.defineProperty(copy, key, {value: aligned, enumerable: true, writable: true, configurable: true})
  }

  return copy
}
