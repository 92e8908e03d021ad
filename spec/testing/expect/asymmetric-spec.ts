import {inspect} from "node:util"
import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {failureOf} from "./failure.js"

describe("expect.any", () => {
  it("matches primitives by their wrapper constructor", () => {
    expect(1).toEqual(expect.any(Number))
    expect("x").toEqual(expect.any(String))
    expect(true).toEqual(expect.any(Boolean))
    expect(1n).toEqual(expect.any(BigInt))
    expect(Symbol("s")).toEqual(expect.any(Symbol))
    expect(() => 1).toEqual(expect.any(Function))
    expect({}).toEqual(expect.any(Object))
  })

  it("matches instances of classes", () => {
    expect(new Date()).toEqual(expect.any(Date))
    expect(() => expect("x").toEqual(expect.any(Number))).toThrow(ExpectationFailedError)
    expect(() => expect(null).toEqual(expect.any(Object))).toThrow(ExpectationFailedError)
  })

  it("needs a constructor", () => {
    expect(() => expect.any(undefined as unknown as Function)).toThrow(/expect.any\(\) needs a class/)
  })
})

describe("expect.anything", () => {
  it("matches anything but null and undefined", () => {
    expect(0).toEqual(expect.anything())
    expect({a: ""}).toEqual({a: expect.anything()})
    expect(() => expect(null).toEqual(expect.anything())).toThrow(ExpectationFailedError)
    expect(() => expect({}).toEqual({a: expect.anything()})).toThrow(ExpectationFailedError)
  })
})

describe("expect.objectContaining", () => {
  it("matches objects that have the given properties", () => {
    expect({a: 1, b: 2}).toEqual(expect.objectContaining({a: 1}))
    expect({a: {deep: [1]}, b: 2}).toEqual(expect.objectContaining({a: {deep: [1]}}))
    expect(() => expect({a: 1}).toEqual(expect.objectContaining({a: 2}))).toThrow(ExpectationFailedError)
    expect(() => expect("a").toEqual(expect.objectContaining({length: 1}))).toThrow(ExpectationFailedError)
  })

  it("nests at any depth", () => {
    expect({list: [{user: {id: 1, name: "Ann", extra: true}}]})
      .toEqual({list: [{user: expect.objectContaining({name: expect.stringContaining("An")})}]})
  })

  it("can be negated", () => {
    expect({a: 1}).toEqual(expect.not.objectContaining({a: 2}))
    expect(() => expect({a: 1}).toEqual(expect.not.objectContaining({a: 1}))).toThrow(ExpectationFailedError)
  })
})

describe("expect.arrayContaining", () => {
  it("matches arrays that contain all the given items in any order", () => {
    expect([3, 1, 2]).toEqual(expect.arrayContaining([1, 2]))
    expect([{a: 1}, {b: 2}]).toEqual(expect.arrayContaining([{b: 2}]))
    expect(() => expect([1, 2]).toEqual(expect.arrayContaining([3]))).toThrow(ExpectationFailedError)
    expect(() => expect("12").toEqual(expect.arrayContaining(["1"]))).toThrow(ExpectationFailedError)
  })

  it("can be negated", () => {
    expect([1, 2]).toEqual(expect.not.arrayContaining([3]))
  })
})

describe("expect.stringContaining and expect.stringMatching", () => {
  it("match strings", () => {
    expect("hello world").toEqual(expect.stringContaining("lo w"))
    expect("hello world").toEqual(expect.stringMatching(/^hello/))
    expect("hello world").toEqual(expect.stringMatching("wor"))
    expect(() => expect(5).toEqual(expect.stringContaining("5"))).toThrow(ExpectationFailedError)
    expect(() => expect("abc").toEqual(expect.stringMatching(/z/))).toThrow(ExpectationFailedError)
  })

  it("can be negated", () => {
    expect("abc").toEqual(expect.not.stringContaining("z"))
    expect("abc").toEqual(expect.not.stringMatching(/z/))
  })
})

describe("asymmetric matchers in other matchers", () => {
  it("work in toMatchObject, toContainEqual, toHaveProperty and toStrictEqual", () => {
    expect({user: {id: 1, name: "Ann"}}).toMatchObject({user: {id: expect.any(Number)}})
    expect([{id: 1}]).toContainEqual({id: expect.any(Number)})
    expect({a: {b: "text"}}).toHaveProperty("a.b", expect.stringMatching(/ex/))
    expect({a: 1}).toStrictEqual({a: expect.any(Number)})
  })
})

describe("asymmetric matcher printing", () => {
  it("prints readable descriptions", () => {
    expect(inspect(expect.objectContaining({a: 1}))).toBe("ObjectContaining { a: 1 }")
    expect(inspect(expect.arrayContaining([1, 2]))).toBe("ArrayContaining [ 1, 2 ]")
    expect(inspect(expect.any(Number))).toBe("Any<Number>")
    expect(inspect(expect.anything())).toBe("Anything")
    expect(inspect(expect.stringContaining("x"))).toBe("StringContaining 'x'")
    expect(inspect(expect.stringMatching(/x/))).toBe("StringMatching /x/")
    expect(inspect(expect.not.objectContaining({a: 1}))).toBe("ObjectNotContaining { a: 1 }")
  })

  it("shows them in failure messages", () => {
    const message = failureOf(() => expect({a: 2}).toEqual(expect.objectContaining({a: 1}))).message

    expect(message).toContain("Expected: ObjectContaining { a: 1 }")
  })
})
