/**
 * How the preloader matches records by key: the distinct keys of the owners, and an index from a
 * key to what is attached to it. Two implementations behave alike (spec/database/record/
 * key-index-spec.ts runs both through one suite):
 * - DenseIntegerIndex, for integer keys in a span not much wider than their count (the usual
 *   auto-increment ids of one page of records): an array slot per key. Building a Set and a Map
 *   of 100 ids, rehashing as they grew, was about a quarter of the preloader's own instructions
 *   (callgrind, 100 tasks' projects on MariaDB); the slots cost a few instructions a key.
 * - MapKeyIndex for everything else: a Map, on keys as keyOf() gives them.
 */
export interface KeyIndex<Value> {
  /** What was set for the key; asked only for the owners' keys. */
  get(key: unknown): Value | undefined
  set(key: unknown, value: Value): void
}

/** Key values as a Map compares them: a number and its text match, Dates by their instant. */
export function normalizedKey(value: unknown): unknown {
  if (typeof value === "string") return value

  return value instanceof Date ? value.toISOString() : String(value)
}

// Up to this many slots per key (and a few more for short lists): wider than that, a Map costs less memory.
const slotsPerKey = 4
const spareSlots = 64

export interface IntegerSpan {
  min: number
  /** max - min + 1 */
  size: number
}

/**
 * The span of `keys` when all are integers (null aside) and few enough slots would hold it;
 * undefined otherwise, or when no key is given. Indexed loops: callgrind showed V8's array
 * iterator called per value (about 100 instructions each) in a 100-task preload.
 */
export function compactIntegerSpan(keys: unknown[]): IntegerSpan | undefined {
  let min = Infinity
  let max = -Infinity

  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]

    if (key === null) continue
    if (typeof key !== "number" || !Number.isSafeInteger(key)) return undefined
    if (key < min) min = key
    if (key > max) max = key
  }

  if (min > max) return undefined

  const size = max - min + 1

  return size <= keys.length * slotsPerKey + spareSlots ? {min, size} : undefined
}

export class DenseIntegerIndex<Value> implements KeyIndex<Value> {
  private readonly min: number
  private readonly slots: (Value | undefined)[]

  constructor(span: IntegerSpan) {
    this.min = span.min
    // Filled, so the array is a plain one of values rather than one with holes.
    this.slots = new Array<Value | undefined>(span.size).fill(undefined)
  }

  /** The slot of an integer key inside the span, or -1 (another type, a fraction, outside it). */
  private slotOf(key: unknown): number {
    if (typeof key !== "number" || !Number.isInteger(key)) return -1

    const slot = key - this.min

    return slot >= 0 && slot < this.slots.length ? slot : -1
  }

  get(key: unknown): Value | undefined {
    const slot = this.slotOf(key)

    return slot === -1 ? undefined : this.slots[slot]
  }

  /** A key outside the owners' span is no owner's, so nothing would ask for it: it is not kept. */
  set(key: unknown, value: Value): void {
    const slot = this.slotOf(key)

    if (slot !== -1) this.slots[slot] = value
  }
}

export class MapKeyIndex<Value> implements KeyIndex<Value> {
  private readonly entries = new Map<unknown, Value>()
  private readonly keyOf: (key: unknown) => unknown

  constructor(keyOf: (key: unknown) => unknown) {
    this.keyOf = keyOf
  }

  get(key: unknown): Value | undefined {
    return this.entries.get(this.keyOf(key))
  }

  set(key: unknown, value: Value): void {
    this.entries.set(this.keyOf(key), value)
  }
}

const sameKey = (value: unknown): unknown => value

function allNumbers(values: unknown[]): boolean {
  for (let index = 0; index < values.length; index++) {
    const value = values[index]

    if (value !== null && typeof value !== "number") return false
  }

  return true
}

/**
 * The index to match related records to their owners. Keys compare as they are when both sides
 * hold only numbers (null aside), the usual integer keys, which then match exactly when their
 * text would; else by normalizedKey(), so a pg bigint's text matches the same number.
 * `ownerSpan` is compactIntegerSpan(ownerKeys): related keys outside it match no owner.
 */
export function keyIndexFor<Value>(ownerKeys: unknown[], ownerSpan: IntegerSpan | undefined, relatedKeys: unknown[]): KeyIndex<Value> {
  if (!allNumbers(relatedKeys)) return new MapKeyIndex(normalizedKey)
  if (ownerSpan) return new DenseIntegerIndex(ownerSpan)

  return new MapKeyIndex(allNumbers(ownerKeys) ? sameKey : normalizedKey)
}

/** The distinct non-null keys, in the order first seen. */
export function distinctKeys(keys: unknown[], span: IntegerSpan | undefined): unknown[] {
  if (span) {
    const seen = new Uint8Array(span.size)
    // Sized up front and cut to length: growing it key by key showed up in callgrind.
    const distinct = new Array<unknown>(keys.length)
    let count = 0

    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as number | null

      if (key === null) continue

      const slot = key - span.min

      if (seen[slot] === 1) continue
      seen[slot] = 1
      distinct[count++] = key
    }

    distinct.length = count

    return distinct
  }

  const seen = new Set<unknown>()

  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]

    if (key !== null) seen.add(key)
  }

  return [...seen]
}
