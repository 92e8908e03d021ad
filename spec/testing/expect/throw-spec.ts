import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"
import {failureOf} from "./failure.js"

class ValidationError extends Error {}

const throwsBoom = () => {
  throw new ValidationError("boom happened")
}

describe("expect - toThrow", () => {
  it("passes when the function throws", () => {
    expect(throwsBoom).toThrow()
    expect(throwsBoom).toThrowError()
  })

  it("fails when the function does not throw", () => {
    const message = failureOf(() => expect(() => 1).toThrow()).message

    expect(message).toContain("Expected: an error to be thrown")
    expect(message).toContain("Received: the function did not throw")
  })

  it("matches a message substring", () => {
    expect(throwsBoom).toThrow("boom")
    expect(() => expect(throwsBoom).toThrow("bang")).toThrow(ExpectationFailedError)
  })

  it("matches a RegExp against the message", () => {
    expect(throwsBoom).toThrow(/^boom/)
    expect(() => expect(throwsBoom).toThrow(/^happened/)).toThrow(ExpectationFailedError)
  })

  it("matches an error class", () => {
    expect(throwsBoom).toThrow(ValidationError)
    expect(throwsBoom).toThrow(Error)
    expect(() => expect(throwsBoom).toThrow(TypeError)).toThrow(ExpectationFailedError)
  })

  it("matches an error instance by message", () => {
    expect(throwsBoom).toThrow(new Error("boom happened"))
    expect(() => expect(throwsBoom).toThrow(new Error("boom"))).toThrow(ExpectationFailedError)
  })

  it("matches an asymmetric matcher against the thrown value", () => {
    expect(throwsBoom).toThrow(expect.objectContaining({message: "boom happened"}))
  })

  it("handles thrown non-errors", () => {
    expect(() => {
      throw "plain string" // eslint-disable-line no-throw-literal
    }).toThrow("plain")
  })

  it("supports .not", () => {
    expect(() => 1).not.toThrow()
    expect(throwsBoom).not.toThrow("bang")
    expect(throwsBoom).not.toThrow(TypeError)
    expect(() => expect(throwsBoom).not.toThrow()).toThrow(ExpectationFailedError)
    expect(() => expect(throwsBoom).not.toThrow(ValidationError)).toThrow(ExpectationFailedError)
  })

  it("stays synchronous for synchronous functions", () => {
    expect(expect(throwsBoom).toThrow()).toBeUndefined()
  })

  it("describes expected and thrown error in the message", () => {
    const message = failureOf(() => expect(throwsBoom).toThrow(TypeError)).message

    expect(message).toMatch(/^expect\(received\)\.toThrow\(expected\)/)
    expect(message).toContain("Expected: an instance of TypeError")
    expect(message).toContain("Received: Error: boom happened")
  })

  it("rejects a non-function", () => {
    expect(() => expect(5).toThrow()).toThrow(ExpectationUsageError)
    expect(() => expect("x").toThrow()).toThrow(/toThrow[\s\S]*must be a function[\s\S]*Got: 'x' \(string\)/)
    expect(() => expect(throwsBoom).toThrow(5 as unknown as string)).toThrow(ExpectationUsageError)
  })
})

describe("expect - toThrow with async functions", () => {
  it("returns a promise that resolves when the function rejects as expected", async () => {
    await expect(async () => {
      throw new Error("async boom")
    }).toThrow("async boom")
  })

  it("rejects when the async function resolves", async () => {
    const promise = expect(async () => 1).toThrow("x")

    expect(promise).toBeInstanceOf(Promise)
    await expect(promise).rejects.toThrow(/Received: the function's promise resolved to 1/)
  })

  it("rejects when the message does not match", async () => {
    await expect(expect(async () => {
      throw new Error("a")
    }).toThrow("b")).rejects.toThrow(ExpectationFailedError)
  })

  it("supports .not", async () => {
    await expect(async () => 1).not.toThrow()
    await expect(expect(async () => {
      throw new Error("a")
    }).not.toThrow()).rejects.toThrow(ExpectationFailedError)
  })
})
