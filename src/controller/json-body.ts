import {dateJson, isPlainDate} from "../utils/iso-date-time.js"

// Deeper than this is either a cycle or unusual data: JSON.stringify gets the original value,
// so a cycle fails with its usual "circular structure" error.
const maxDepth = 100

class TooDeep extends Error {}

/**
 * The JSON text renderJson() sends: exactly what `JSON.stringify(value)` gives, faster for
 * what controllers render most (records, whose attributes hold Dates).
 *
 * JSON.stringify goes through Date#toJSON → toISOString for every Date, a C++ round trip of
 * about a microsecond each on a slow core, and takes its slow path for objects with a toJSON.
 * Here the value is first walked once: Dates become ISO strings through dateJson(), each
 * toJSON() is called once (with the key JSON.stringify would pass) and its result kept as is,
 * and an object or array is copied only when something inside it changed, so plain data is
 * passed on untouched. One native JSON.stringify then writes the prepared value.
 */
export function jsonBody(value: unknown): string {
  let prepared: unknown

  try {
    prepared = prepareValue(value, "", 0)
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error

    prepared = value
  }

  return JSON.stringify(prepared) ?? "null"
}

function prepareValue(value: unknown, key: string | number, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value

  const object = value as {toJSON?: unknown}

  if (isPlainDate(object)) return dateJson(object)

  if (typeof object.toJSON === "function") {
    const serialized = object.toJSON(typeof key === "number" ? String(key) : key)

    // JSON.stringify does not call toJSON on what toJSON returned (a toJSON returning a Date
    // is written as "{}"): a copy without it keeps it from doing so here. What toJSON returned
    // is otherwise passed on as is, not walked: records return JSON-ready attributes already.
    if (typeof serialized === "object" && serialized !== null && typeof (serialized as {toJSON?: unknown}).toJSON === "function") return ownEnumerableCopy(serialized)

    return serialized
  }

  return prepareChildren(object, depth)
}

function prepareChildren(object: object, depth: number): unknown {
  if (depth >= maxDepth) throw new TooDeep()

  return Array.isArray(object) ? prepareArray(object, depth + 1) : prepareObject(object as Record<string, unknown>, depth + 1)
}

function prepareArray(array: unknown[], depth: number): unknown[] {
  let copy: unknown[] | undefined

  for (let index = 0; index < array.length; index++) {
    const item = array[index]
    const prepared = prepareValue(item, index, depth)

    if (prepared !== item && !copy) copy = array.slice(0, index)
    if (copy) copy.push(prepared)
  }

  return copy || array
}

function prepareObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  const keys = Object.keys(object)
  let copy: Record<string, unknown> | undefined

  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]
    const item = object[key]
    const prepared = prepareValue(item, key, depth)

    if (prepared !== item && !copy) {
      copy = {}

      for (let before = 0; before < index; before++) setOwn(copy, keys[before], object[keys[before]])
    }

    if (copy) setOwn(copy, key, prepared)
  }

  return copy || object
}

function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  // An own "__proto__" key (JSON.parse makes those) would set the prototype by assignment.
  if (key === "__proto__") Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true})
  else object[key] = value
}

/** What JSON.stringify would write for `value` without calling its toJSON: its own enumerable properties (a function-valued toJSON among them is not written anyway). */
function ownEnumerableCopy(value: object): object {
  if (Array.isArray(value)) return Array.from(value)

  const copy: Record<string, unknown> = {...value}

  delete copy.toJSON

  return copy
}
