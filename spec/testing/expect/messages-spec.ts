import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"
import {failureOf} from "./failure.js"

describe("ExpectationFailedError", () => {
  it("carries the matcher name and both values", () => {
    const error = failureOf(() => expect(1).toBe(2))

    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe("ExpectationFailedError")
    expect(error.matcherName).toBe("toBe")
    expect(error.expected).toBe(2)
    expect(error.actual).toBe(1)
  })

  it("has a stack that starts at the spec line", () => {
    const error = failureOf(() => expect(1).toBe(2))
    const frames = (error.stack || "").split("\n").filter((line) => line.trim().startsWith("at "))

    expect(frames[0]).toContain("messages-spec.ts")
    expect(error.stack).not.toContain("build/src/testing/expect")
  })
})

describe("failure messages", () => {
  it("start with the matcher hint and show Expected and Received", () => {
    expect(failureOf(() => expect(1).toBe(2)).message).toBe("expect(received).toBe(expected)\n\nExpected: 2\nReceived: 1")
  })

  it("mention .not when negated", () => {
    expect(failureOf(() => expect(1).not.toBe(1)).message).toBe("expect(received).not.toBe(expected)\n\nExpected: not 1\nReceived: 1")
  })

  it("leave out the expected argument for matchers without one", () => {
    expect(failureOf(() => expect(0).toBeTruthy()).message).toBe("expect(received).toBeTruthy()\n\nReceived: 0")
  })

  it("include a line diff for objects in toEqual", () => {
    const message = failureOf(() => expect({a: 1, b: [1, 2], c: "same"}).toEqual({a: 2, b: [1, 2], c: "same"})).message

    expect(message).toContain("Expected: { a: 2, b: [ 1, 2 ], c: 'same' }")
    expect(message).toContain("Received: { a: 1, b: [ 1, 2 ], c: 'same' }")
    expect(message).toContain([
      "Difference (- expected, + received):",
      "",
      "  {",
      "-   a: 2,",
      "+   a: 1,",
      "    b: ["
    ].join("\n"))
  })

  it("only show the changed line when a property is added at the end", () => {
    const message = failureOf(() => expect({a: 1, b: 2}).toEqual({a: 1})).message

    expect(message).toContain("  {\n    a: 1,\n+   b: 2,\n  }")
  })

  it("fold long runs of unchanged lines", () => {
    const base = Object.fromEntries(Array.from({length: 20}, (_, index) => [`key${String(index).padStart(2, "0")}`, index]))
    const message = failureOf(() => expect({...base, key10: "changed"}).toEqual(base)).message

    expect(message).toContain("  ...")
    expect(message).toContain("-   key10: 10,\n+   key10: 'changed',")
    expect(message.split("Difference")[1]).not.toContain("key01")
  })

  it("keep lines matched by asymmetric matchers out of the diff", () => {
    const message = failureOf(() => expect({id: 5, name: "x"}).toEqual({id: expect.any(Number), name: "y"})).message

    expect(message).toContain("    id: Any<Number>,\n-   name: 'y',\n+   name: 'x',")
  })

  it("diff only the keys toMatchObject asked about", () => {
    const message = failureOf(() => expect({id: 1, name: "Ann", email: "a@b.c"}).toMatchObject({name: "Bob"})).message

    expect(message).toContain("  {\n-   name: 'Bob',\n+   name: 'Ann',\n  }")
    expect(message).not.toContain("+   email")
  })

  it("diff multi-line strings line by line", () => {
    const message = failureOf(() => expect("one\ntwo\nthree").toEqual("one\n2\nthree")).message

    expect(message).toContain("  one\n- 2\n+ two\n  three")
  })

  it("show just Expected and Received for one-line strings", () => {
    const message = failureOf(() => expect("a".repeat(300)).toBe("b".repeat(300))).message

    expect(message).not.toContain("Difference")
    expect(message).toContain(`Expected: '${"b".repeat(300)}'`)
  })

  it("explain toBe on different objects with the same content", () => {
    const message = failureOf(() => expect({a: 1}).toBe({a: 1})).message

    expect(message).toContain("same content but are different objects")
    expect(message).not.toContain("Difference")
  })

  it("diff objects compared with toBe", () => {
    expect(failureOf(() => expect({a: 1}).toBe({a: 2})).message).toContain("-   a: 2,\n+   a: 1,")
  })

  it("truncate huge one-line values when a diff follows", () => {
    const big = Object.fromEntries(Array.from({length: 100}, (_, index) => [`k${index}`, index]))
    const message = failureOf(() => expect({...big, k1: -1}).toEqual(big)).message
    const expectedLine = message.split("\n").find((line) => line.startsWith("Expected:")) || ""

    expect(expectedLine.length).toBeLessThanOrEqual(210)
    expect(expectedLine.endsWith("…")).toBe(true)
  })

  it("print cyclic values", () => {
    const a: Record<string, unknown> = {n: 1}
    const b: Record<string, unknown> = {n: 2}

    a.self = a
    b.self = b

    const message = failureOf(() => expect(a).toEqual(b)).message

    expect(message).toContain("[Circular *1]")
    expect(message).toContain("-   n: 2,\n+   n: 1,")
  })
})

describe("usage errors", () => {
  it("name the matcher and describe what it got", () => {
    let error: unknown

    try {
      expect(5).toHaveLength(1)
    } catch (caught) {
      error = caught
    }

    expect(error).toBeInstanceOf(ExpectationUsageError)
    expect(error).toBeInstanceOf(TypeError)
    expect(error).not.toBeInstanceOf(ExpectationFailedError)
    expect((error as Error).message).toBe("expect(received).toHaveLength(expected)\n\nThe received value must have a numeric length property.\nGot: 5 (number)")
    expect(((error as Error).stack || "").split("\n").find((line) => line.trim().startsWith("at "))).toContain("messages-spec.ts")
  })
})
