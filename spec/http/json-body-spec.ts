import {isoDateTime} from "velocious/build/src/utils/iso-date-time.js"
import {jsonBody} from "velocious/build/src/controller/json-body.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

/** jsonBody() must write what JSON.stringify writes; renderJson() sends it. */
function expectSameAsStringify(value: unknown): void {
  expect(jsonBody(value)).toEqual(JSON.stringify(value) ?? "null")
}

describe("jsonBody (renderJson's serializer)", () => {
  it("writes primitives, nested objects and arrays like JSON.stringify", () => {
    for (const value of [null, true, 0, -1.5, Number.NaN, Infinity, "text with \"quotes\" and \n", [], {}, [1, "two", null, [3]], {a: {b: {c: [1, {d: "e"}]}}}]) {
      expectSameAsStringify(value)
    }
  })

  it("writes undefined, functions and symbols as JSON.stringify does (null in arrays, left out in objects)", () => {
    const value = {a: undefined, b: () => 1, c: Symbol("c"), d: [undefined, () => 1, Symbol("d")], e: new Date(0)}

    expectSameAsStringify(value)
    // Array holes, plus a changed neighbour so the array is copied.
    expectSameAsStringify([, 1, , new Date(0)]) // eslint-disable-line no-sparse-arrays
    expect(jsonBody(undefined)).toEqual("null")
  })

  it("writes Dates as ISO strings, null when invalid, in objects, arrays and at the top", () => {
    const dates = [new Date(0), new Date("2026-11-23T09:05:03.042Z"), new Date(Number.NaN), new Date("0999-12-31T23:59:59.999Z"), new Date("+012345-01-01T00:00:00Z"), new Date("-000042-06-15T12:00:00Z"), new Date(-1)]

    expectSameAsStringify(dates)
    expectSameAsStringify({createdAt: dates[1], list: dates, nested: {invalid: dates[2]}})
    expectSameAsStringify(dates[1])
  })

  it("calls each toJSON once, with the key JSON.stringify passes", () => {
    const keys: unknown[] = []
    const counted = (name: string) => ({toJSON(key: unknown) { keys.push(key); return {name, at: new Date(0)} }})
    const value = {first: counted("a"), list: [counted("b"), counted("c")]}
    const expected = JSON.stringify(value)

    keys.length = 0
    expect(jsonBody(value)).toEqual(expected)
    expect(keys).toEqual(["first", "0", "1"])
    expect(jsonBody(counted("top"))).toEqual(JSON.stringify(counted("top")))
    expect(keys.slice(-1)).toEqual([""])
  })

  it("does not call toJSON on what a toJSON returned, like JSON.stringify", () => {
    expectSameAsStringify({wrapped: {toJSON: () => new Date(0)}})
    expectSameAsStringify([{toJSON: () => ({toJSON: () => "inner"})}])
  })

  it("respects a Date whose toJSON or toISOString was replaced", () => {
    const custom = new Date(0)

    custom.toJSON = () => "custom"

    class LocalDate extends Date {
      override toISOString(): string { return "local" }
    }

    expectSameAsStringify({custom, local: new LocalDate(0)})
  })

  it("writes Buffers, Maps, Sets, boxed primitives and class instances like JSON.stringify", () => {
    class Point {
      constructor(readonly x: number, readonly y: number) {}
    }

    expectSameAsStringify({buffer: Buffer.from("hi"), map: new Map([["a", 1]]), set: new Set([1]), boxed: [new String("s"), new Number(1), new Boolean(false)], point: new Point(1, 2), at: new Date(0)}) // eslint-disable-line no-new-wrappers
  })

  it("keeps an own __proto__ key when it copies an object", () => {
    const parsed = JSON.parse("{\"__proto__\": {\"polluted\": true}, \"at\": null}")

    parsed.at = new Date(0)
    expectSameAsStringify(parsed)
    expect(JSON.parse(jsonBody(parsed)).__proto__).toEqual({polluted: true})
  })

  it("leaves the given value unchanged", () => {
    const at = new Date(0)
    const value = {at, list: [at]}

    jsonBody(value)
    expect(value.at).toBe(at)
    expect(value.list[0]).toBe(at)
  })

  it("fails on a cycle with JSON.stringify's error, and writes deep values", () => {
    const cyclic: Record<string, unknown> = {at: new Date(0)}

    cyclic.self = cyclic
    expect(() => jsonBody(cyclic)).toThrow(/circular/i)

    let deep: unknown = {at: new Date(0)}

    for (let level = 0; level < 300; level++) deep = {level, deep}
    expectSameAsStringify(deep)
  })

  it("fails on a BigInt like JSON.stringify", () => {
    expect(() => jsonBody({big: BigInt(1)})).toThrow(TypeError)
  })
})

describe("isoDateTime", () => {
  it("matches toISOString across years 1-9999, day and year boundaries included", () => {
    const from = Date.UTC(1, 0, 1)
    const until = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
    const times = [from, until, 0, -1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, Date.UTC(1900, 1, 28, 23, 59, 59, 999), Date.UTC(2000, 1, 29)]
    let seed = 12_345

    for (let index = 0; index < 5000; index++) {
      // A small deterministic generator, so a failure can be reproduced.
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      times.push(from + Math.floor((seed / 2_147_483_648) * (until - from)))
    }

    for (const time of times) {
      const date = new Date(time)

      if (isoDateTime(date) !== date.toISOString()) throw new Error(`isoDateTime(${time}) gave ${isoDateTime(date)}, toISOString ${date.toISOString()}`)
    }
  })

  it("leaves years outside 1-9999 to toISOString", () => {
    for (const text of ["+010000-01-01T00:00:00.000Z", "-000001-12-31T23:59:59.999Z", "0000-06-01T00:00:00.000Z"]) {
      expect(isoDateTime(new Date(text))).toEqual(new Date(text).toISOString())
    }
  })
})
