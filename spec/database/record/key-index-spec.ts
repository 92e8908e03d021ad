import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {compactIntegerSpan, DenseIntegerIndex, distinctKeys, keyIndexFor, MapKeyIndex, normalizedKey, type KeyIndex} from "velocious/build/src/database/record/relationships/key-index.js"

// The preloader's two ways of matching related records to their owners (key-index.ts) answer
// alike for the owners' keys: one suite runs both.
const ownerKeys = [3, 1, 4, 1, 5, 9, 2, 6]
const implementations: {name: string, make: () => KeyIndex<string>}[] = [
  {name: "DenseIntegerIndex", make: () => new DenseIntegerIndex<string>(compactIntegerSpan(ownerKeys)!)},
  {name: "MapKeyIndex", make: () => new MapKeyIndex<string>(normalizedKey)}
]

for (const {name, make} of implementations) {
  describe(`preload key index - ${name}`, () => {
    it("gives what was set for each key and nothing for a key never set", () => {
      const index = make()

      index.set(3, "three")
      index.set(9, "nine")

      expect([index.get(3), index.get(9), index.get(1), index.get(6)]).toEqual(["three", "nine", undefined, undefined])
    })

    it("keeps the last value set for a key", () => {
      const index = make()

      index.set(5, "first")
      index.set(5, "second")

      expect(index.get(5)).toEqual("second")
    })

    it("answers nothing for null, a fraction or an object key", () => {
      const index = make()

      index.set(1, "one")

      expect([index.get(null), index.get(1.5), index.get({})]).toEqual([undefined, undefined, undefined])
    })
  })
}

describe("preload key index - choosing", () => {
  it("takes the dense index for integer keys in a span a few times their count", () => {
    expect(compactIntegerSpan([10, 12, null, 11])).toEqual({min: 10, size: 3})
    expect(keyIndexFor([10, 11], compactIntegerSpan([10, 11]), [10, 11])).toBeInstanceOf(DenseIntegerIndex)
  })

  it("takes a Map for sparse, fractional, text or missing keys", () => {
    expect(compactIntegerSpan([1, 1_000_000])).toBeUndefined()
    expect(compactIntegerSpan([1, 2.5])).toBeUndefined()
    expect(compactIntegerSpan([1, "2"])).toBeUndefined()
    expect(compactIntegerSpan([null, null])).toBeUndefined()
    expect(compactIntegerSpan([])).toBeUndefined()
    expect(keyIndexFor([1, 1_000_000], undefined, [1])).toBeInstanceOf(MapKeyIndex)
  })

  it("matches a related key given as text to the owner's number (pg bigint text against a number)", () => {
    const keys = [7, 8]
    const index = keyIndexFor<string>(keys, compactIntegerSpan(keys), ["7", "8"])

    index.set("7", "seven")

    expect([index.get(7), index.get(8)]).toEqual(["seven", undefined])
  })

  it("lists the distinct keys in the order first seen, without null, either way", () => {
    const dense = [3, 1, null, 3, 2, 1]
    const sparse = [3_000_000, 1, null, 3_000_000, 2, 1]

    expect(distinctKeys(dense, compactIntegerSpan(dense))).toEqual([3, 1, 2])
    expect(distinctKeys(sparse, compactIntegerSpan(sparse))).toEqual([3_000_000, 1, 2])
    expect(distinctKeys(["b", "a", "b"], undefined)).toEqual(["b", "a"])
  })

  it("keeps no related key outside the owners' span (no owner asks for it)", () => {
    const index = new DenseIntegerIndex<string>({min: 5, size: 2})

    index.set(4, "below")
    index.set(7, "above")

    expect([index.get(4), index.get(7), index.get(5)]).toEqual([undefined, undefined, undefined])
  })
})
