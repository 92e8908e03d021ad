import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {failureOf} from "./failure.js"

class Point {
  constructor(public x: number, public y: number) {}
}

describe("expect - toBe", () => {
  it("passes for identical values", () => {
    const object = {a: 1}

    expect(1).toBe(1)
    expect("a").toBe("a")
    expect(object).toBe(object)
    expect(NaN).toBe(NaN)
  })

  it("fails for different values", () => {
    expect(() => expect(1).toBe(2)).toThrow(ExpectationFailedError)
    expect(() => expect({a: 1}).toBe({a: 1})).toThrow(ExpectationFailedError)
    expect(() => expect(0).toBe(-0)).toThrow(ExpectationFailedError)
  })

  it("supports .not", () => {
    expect(1).not.toBe(2)
    expect({a: 1}).not.toBe({a: 1})
    expect(() => expect(1).not.toBe(1)).toThrow(ExpectationFailedError)
  })
})

describe("expect - toEqual", () => {
  it("compares nested objects", () => {
    expect({a: [1, {b: 2}]}).toEqual({a: [1, {b: 2}]})
    expect(() => expect({a: [1, {b: 2}]}).toEqual({a: [1, {b: 3}]})).toThrow(ExpectationFailedError)
  })

  it("compares primitives with Object.is semantics", () => {
    expect(NaN).toEqual(NaN)
    expect("x").toEqual("x")
    expect(() => expect(1).toEqual("1")).toThrow(ExpectationFailedError)
    expect(() => expect(null).toEqual(undefined)).toThrow(ExpectationFailedError)
  })

  it("ignores properties whose value is undefined", () => {
    expect({a: 1, b: undefined}).toEqual({a: 1})
    expect({a: 1}).toEqual({a: 1, b: undefined})
  })

  it("ignores class and prototype differences", () => {
    expect(new Point(1, 2)).toEqual({x: 1, y: 2})
    expect(Object.assign(Object.create(null), {a: 1})).toEqual({a: 1})
  })

  it("compares arrays by length and elements", () => {
    expect([1, 2, 3]).toEqual([1, 2, 3])
    expect(() => expect([1, 2]).toEqual([1, 2, 3])).toThrow(ExpectationFailedError)
    expect(() => expect([1, 2]).toEqual([2, 1])).toThrow(ExpectationFailedError)
    expect(() => expect([1]).toEqual({0: 1})).toThrow(ExpectationFailedError)
  })

  it("compares dates by time", () => {
    expect(new Date(1000)).toEqual(new Date(1000))
    expect(() => expect(new Date(1000)).toEqual(new Date(2000))).toThrow(ExpectationFailedError)
  })

  it("compares regular expressions by source and flags", () => {
    expect(/ab+/gi).toEqual(/ab+/gi)
    expect(() => expect(/ab+/g).toEqual(/ab+/i)).toThrow(ExpectationFailedError)
  })

  it("compares maps and sets by content regardless of order", () => {
    expect(new Map<unknown, unknown>([["a", 1], [{k: 1}, [2]]])).toEqual(new Map<unknown, unknown>([[{k: 1}, [2]], ["a", 1]]))
    expect(new Set([1, {a: 2}])).toEqual(new Set([{a: 2}, 1]))
    expect(() => expect(new Map([["a", 1]])).toEqual(new Map([["a", 2]]))).toThrow(ExpectationFailedError)
    expect(() => expect(new Set([1, 2])).toEqual(new Set([1, 3]))).toThrow(ExpectationFailedError)
    expect(() => expect(new Set([1])).toEqual(new Set([1, 2]))).toThrow(ExpectationFailedError)
  })

  it("compares errors by name and message", () => {
    expect(new Error("boom")).toEqual(new Error("boom"))
    expect(() => expect(new Error("boom")).toEqual(new Error("bang"))).toThrow(ExpectationFailedError)
    expect(() => expect(new TypeError("boom")).toEqual(new Error("boom"))).toThrow(ExpectationFailedError)
  })

  it("compares boxed primitives by value", () => {
    expect(new Number(1)).toEqual(new Number(1))
    expect(() => expect(new Number(1)).toEqual(new Number(2))).toThrow(ExpectationFailedError)
  })

  it("handles cyclic structures without hanging", () => {
    const a: Record<string, unknown> = {name: "a"}
    const b: Record<string, unknown> = {name: "a"}
    const c: Record<string, unknown> = {name: "c"}

    a.self = a
    b.self = b
    c.self = c

    expect(a).toEqual(b)
    expect(() => expect(a).toEqual(c)).toThrow(ExpectationFailedError)
  })

  it("matches nested asymmetric matchers", () => {
    expect({id: 5, tags: ["x", "y"], at: new Date()}).toEqual({id: expect.any(Number), tags: expect.arrayContaining(["y"]), at: expect.anything()})
  })

  it("supports .not", () => {
    expect({a: 1}).not.toEqual({a: 2})
    expect(() => expect({a: 1}).not.toEqual({a: 1})).toThrow(ExpectationFailedError)
  })
})

describe("expect - toStrictEqual", () => {
  it("passes for structurally identical values of the same types", () => {
    expect({a: [1, {b: 2}]}).toStrictEqual({a: [1, {b: 2}]})
    expect(new Point(1, 2)).toStrictEqual(new Point(1, 2))
  })

  it("checks undefined properties", () => {
    expect(() => expect({a: 1, b: undefined}).toStrictEqual({a: 1})).toThrow(ExpectationFailedError)
  })

  it("checks classes", () => {
    expect(() => expect(new Point(1, 2)).toStrictEqual({x: 1, y: 2})).toThrow(ExpectationFailedError)
  })

  it("checks array holes", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(() => expect([, 1]).toStrictEqual([undefined, 1])).toThrow(ExpectationFailedError)
  })

  it("supports .not", () => {
    expect({a: undefined}).not.toStrictEqual({})
    expect(() => expect({a: 1}).not.toStrictEqual({a: 1})).toThrow(ExpectationFailedError)
  })

  it("explains when toEqual would have passed", () => {
    expect(failureOf(() => expect({a: undefined}).toStrictEqual({})).message).toContain("equal with toEqual")
  })
})

describe("expect - toMatchObject", () => {
  it("matches a subset of properties recursively", () => {
    expect({id: 1, name: "Ann", address: {city: "Oslo", zip: "0150"}}).toMatchObject({name: "Ann", address: {city: "Oslo"}})
  })

  it("fails when a property differs or is missing", () => {
    expect(() => expect({a: 1}).toMatchObject({a: 2})).toThrow(ExpectationFailedError)
    expect(() => expect({a: 1}).toMatchObject({b: 1})).toThrow(ExpectationFailedError)
    expect(() => expect({a: {b: 1}}).toMatchObject({a: {c: 1}})).toThrow(ExpectationFailedError)
  })

  it("requires arrays to match element-wise with the same length", () => {
    expect({list: [{a: 1, b: 2}, {a: 3}]}).toMatchObject({list: [{a: 1}, {a: 3}]})
    expect(() => expect({list: [{a: 1}, {a: 3}]}).toMatchObject({list: [{a: 1}]})).toThrow(ExpectationFailedError)
  })

  it("accepts an array of objects", () => {
    expect([{a: 1, b: 2}, {a: 3, b: 4}]).toMatchObject([{a: 1}, {b: 4}])
    expect(() => expect([{a: 1}]).toMatchObject([{a: 2}])).toThrow(ExpectationFailedError)
  })

  it("works with asymmetric matchers", () => {
    expect({id: 7, name: "Ann", createdAt: new Date()}).toMatchObject({id: expect.any(Number), createdAt: expect.any(Date)})
    expect(() => expect({id: "7"}).toMatchObject({id: expect.any(Number)})).toThrow(ExpectationFailedError)
  })

  it("matches class instances and getters on the prototype", () => {
    class User {
      constructor(private readonly attributes: Record<string, unknown>) {}

      get name() {
        return this.attributes.name
      }
    }

    expect(new User({name: "Ann"})).toMatchObject({name: "Ann"})
  })

  it("compares dates and other non-plain values fully", () => {
    expect({at: new Date(5)}).toMatchObject({at: new Date(5)})
    expect(() => expect({at: new Date(5)}).toMatchObject({at: new Date(6)})).toThrow(ExpectationFailedError)
  })

  it("handles cyclic structures", () => {
    const received: Record<string, unknown> = {a: 1, extra: true}
    const expected: Record<string, unknown> = {a: 1}

    received.self = received
    expected.self = expected

    expect(received).toMatchObject(expected)
  })

  it("supports .not", () => {
    expect({a: 1}).not.toMatchObject({a: 2})
    expect(() => expect({a: 1, b: 2}).not.toMatchObject({a: 1})).toThrow(ExpectationFailedError)
  })

  it("rejects non-object arguments", () => {
    expect(() => expect(1).toMatchObject({a: 1})).toThrow(/toMatchObject[\s\S]*received value must be a non-null object/)
    expect(() => expect({a: 1}).toMatchObject(null as unknown as object)).toThrow(/expected value must be a non-null object/)
  })
})
