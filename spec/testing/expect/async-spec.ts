import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"
import {asyncFailureOf} from "./failure.js"

const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 1))
const fail = (message: string) => Promise.reject(new Error(message))

describe("expect - resolves", () => {
  it("runs the matcher on the resolved value", async () => {
    await expect(Promise.resolve(3)).resolves.toEqual(3)
    await expect(later({a: 1})).resolves.toMatchObject({a: 1})
    await expect(Promise.resolve(3)).resolves.toBeGreaterThan(2)
  })

  it("fails when the matcher fails", async () => {
    const error = await asyncFailureOf(() => expect(Promise.resolve(3)).resolves.toEqual(4))

    expect(error.message).toContain("expect(received).resolves.toEqual(expected)")
    expect(error.message).toContain("Expected: 4\nReceived: 3")
  })

  it("fails clearly when the promise rejects", async () => {
    const error = await asyncFailureOf(() => expect(fail("nope")).resolves.toBe(1))

    expect(error.message).toContain("Received promise rejected instead of resolving")
    expect(error.message).toContain("nope")
  })

  it("accepts a function returning a promise", async () => {
    await expect(async () => 5).resolves.toBe(5)
    await expect(() => later("x")).resolves.toMatch("x")
  })

  it("combines with .not", async () => {
    await expect(Promise.resolve(2)).resolves.not.toBe(1)
    await expect(expect(Promise.resolve(1)).resolves.not.toBe(1)).rejects.toThrow(/resolves\.not\.toBe/)
  })

  it("rejects values that are not promises", async () => {
    await expect(expect(3).resolves.toBe(3)).rejects.toThrow(ExpectationUsageError)
  })
})

describe("expect - rejects", () => {
  it("runs toThrow on the rejection reason", async () => {
    await expect(fail("boom")).rejects.toThrow("boom")
    await expect(fail("boom")).rejects.toThrow(Error)
    await expect(fail("boom")).rejects.toThrowError(/bo+m/)
  })

  it("runs other matchers on the rejection reason", async () => {
    await expect(fail("boom")).rejects.toEqual(new Error("boom"))
    await expect(Promise.reject({code: 42})).rejects.toEqual({code: 42})
    await expect(fail("boom")).rejects.toBeInstanceOf(Error)
  })

  it("fails clearly when the promise resolves", async () => {
    const error = await asyncFailureOf(() => expect(Promise.resolve(7)).rejects.toThrow("boom"))

    expect(error).toBeInstanceOf(ExpectationFailedError)
    expect(error.message).toContain("expect(received).rejects.toThrow(expected)")
    expect(error.message).toContain("Received promise resolved instead of rejecting")
    expect(error.message).toContain("Resolved value: 7")
  })

  it("fails when the reason does not match", async () => {
    const error = await asyncFailureOf(() => expect(fail("boom")).rejects.toThrow("bang"))

    expect(error.message).toContain("Received: Error: boom")
  })

  it("accepts a function returning a promise", async () => {
    await expect(async () => {
      throw new Error("inside")
    }).rejects.toThrow("inside")
    await expect(() => fail("x")).rejects.toThrow("x")
  })

  it("treats a synchronous throw of the function as a rejection", async () => {
    await expect(() => {
      throw new Error("sync")
    }).rejects.toThrow("sync")
  })

  it("combines with .not", async () => {
    await expect(fail("boom")).rejects.not.toThrow("bang")
    await expect(expect(fail("boom")).rejects.not.toThrow("boom")).rejects.toThrow(ExpectationFailedError)
  })
})

describe("expect - async failure stacks", () => {
  it("point at the spec line that made the assertion", async () => {
    const error = await asyncFailureOf(() => expect(Promise.resolve(1)).resolves.toBe(2))
    const firstFrame = (error.stack || "").split("\n").find((line) => line.trim().startsWith("at "))

    expect(firstFrame).toContain("async-spec.ts")
  })
})
