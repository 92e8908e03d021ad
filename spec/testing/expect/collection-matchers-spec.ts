import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"
import {failureOf} from "./failure.js"

describe("expect - toContain", () => {
  it("finds array items with ===", () => {
    const item = {a: 1}

    expect([1, 2, 3]).toContain(2)
    expect([item]).toContain(item)
    expect(() => expect([{a: 1}]).toContain({a: 1})).toThrow(ExpectationFailedError)
  })

  it("finds substrings", () => {
    expect("hello world").toContain("lo w")
    expect(() => expect("hello").toContain("x")).toThrow(ExpectationFailedError)
  })

  it("works on other iterables", () => {
    expect(new Set(["a", "b"])).toContain("b")
  })

  it("supports .not", () => {
    expect([1, 2]).not.toContain(3)
    expect("abc").not.toContain("d")
    expect(() => expect([1, 2]).not.toContain(2)).toThrow(ExpectationFailedError)
  })

  it("describes what was searched", () => {
    const message = failureOf(() => expect("hello").toContain("x")).message

    expect(message).toContain("Expected substring: 'x'")
    expect(message).toContain("Received string:    'hello'")
  })

  it("rejects values that cannot contain anything", () => {
    expect(() => expect(5).toContain(5)).toThrow(ExpectationUsageError)
    expect(() => expect(null).toContain(5)).toThrow(/toContain[\s\S]*must be a string, an array or another iterable[\s\S]*Got: null/)
    expect(() => expect("abc").toContain(1)).toThrow(ExpectationUsageError)
  })
})

describe("expect - toContainEqual", () => {
  it("finds items by deep equality", () => {
    expect([{a: 1}, {b: 2}]).toContainEqual({b: 2})
    expect([{a: 1, b: undefined}]).toContainEqual({a: 1})
    expect([{id: 3, name: "x"}]).toContainEqual({id: expect.any(Number), name: "x"})
  })

  it("fails when nothing is equal", () => {
    expect(() => expect([{a: 1}]).toContainEqual({a: 2})).toThrow(ExpectationFailedError)
  })

  it("supports .not", () => {
    expect([{a: 1}]).not.toContainEqual({a: 2})
    expect(() => expect([{a: 1}]).not.toContainEqual({a: 1})).toThrow(ExpectationFailedError)
  })
})

describe("expect - toHaveLength", () => {
  it("checks the length property", () => {
    expect([1, 2, 3]).toHaveLength(3)
    expect("abc").toHaveLength(3)
    expect({length: 0}).toHaveLength(0)
    expect(() => expect([1]).toHaveLength(2)).toThrow(ExpectationFailedError)
  })

  it("supports .not", () => {
    expect([1]).not.toHaveLength(2)
    expect(() => expect([1]).not.toHaveLength(1)).toThrow(ExpectationFailedError)
  })

  it("reports both lengths", () => {
    const message = failureOf(() => expect([1, 2]).toHaveLength(3)).message

    expect(message).toContain("Expected length: 3")
    expect(message).toContain("Received length: 2")
  })

  it("rejects values without a length", () => {
    expect(() => expect(5).toHaveLength(1)).toThrow(ExpectationUsageError)
    expect(() => expect({}).toHaveLength(1)).toThrow(/toHaveLength[\s\S]*numeric length property[\s\S]*Got: \{\} \(object/)
    expect(() => expect([]).toHaveLength(-1)).toThrow(ExpectationUsageError)
  })
})

describe("expect - toHaveProperty", () => {
  const subject = {a: {b: [{c: 1}], "d.e": 2, nothing: undefined}, "x.y": 3}

  it("finds properties by dotted path, bracket index or key array", () => {
    expect(subject).toHaveProperty("a")
    expect(subject).toHaveProperty("a.b[0].c")
    expect(subject).toHaveProperty("a.b.0.c", 1)
    expect(subject).toHaveProperty(["a", "d.e"], 2)
    expect(subject).toHaveProperty("x.y", 3)
    expect(subject).toHaveProperty("a.nothing")
    expect("abc").toHaveProperty("length", 3)
  })

  it("compares the value with toEqual semantics", () => {
    expect(subject).toHaveProperty("a.b", [{c: 1}])
    expect(() => expect(subject).toHaveProperty("a.b", [{c: 2}])).toThrow(ExpectationFailedError)
  })

  it("fails for missing paths and says how far it got", () => {
    const message = failureOf(() => expect(subject).toHaveProperty("a.b[0].z")).message

    expect(message).toContain("Expected path:  'a.b[0].z'")
    expect(message).toContain("Received path:  'a.b.0'")
  })

  it("supports .not", () => {
    expect(subject).not.toHaveProperty("a.z")
    expect(subject).not.toHaveProperty("a.b[0].c", 2)
    expect(() => expect(subject).not.toHaveProperty("a")).toThrow(ExpectationFailedError)
  })

  it("rejects bad arguments", () => {
    expect(() => expect(null).toHaveProperty("a")).toThrow(ExpectationUsageError)
    expect(() => expect({}).toHaveProperty("")).toThrow(/toHaveProperty[\s\S]*path must be/)
  })
})
