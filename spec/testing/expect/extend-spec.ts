import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import type {MatcherContext, MatcherResult} from "velocious/build/src/testing/expect/index.js"
import {asyncFailureOf, failureOf} from "./failure.js"

declare module "velocious/build/src/testing/expect/index.js" {
  interface Matchers<R> {
    toBeEven(): R
    toBeWithin(min: number, max: number): R
    toEventuallyBe(expected: unknown): Promise<void>
  }
}

expect.extend({
  toBeEven(this: MatcherContext, received: number): MatcherResult {
    return {
      pass: received % 2 === 0,
      message: () => `Expected ${received} ${this.isNot ? "not " : ""}to be even`
    }
  },
  toBeWithin(this: MatcherContext, received: number, min: number, max: number): MatcherResult {
    return {
      pass: received >= min && received <= max,
      message: () => `${this.utils.matcherHint("toBeWithin", "received", "min, max")}\n\nExpected ${received} to be within ${min}..${max}`
    }
  },
  async toEventuallyBe(this: MatcherContext, received: () => Promise<unknown>, expected: unknown): Promise<MatcherResult> {
    const value = await received()

    return {pass: this.equals(value, expected), message: () => `Got ${this.utils.format(value)}`}
  }
})

describe("expect.extend", () => {
  it("adds a matcher", () => {
    expect(2).toBeEven()
    expect(() => expect(3).toBeEven()).toThrow(ExpectationFailedError)
  })

  it("works with .not", () => {
    expect(3).not.toBeEven()

    const error = failureOf(() => expect(2).not.toBeEven())

    expect(error.message).toContain("Expected 2 not to be even")
  })

  it("prefixes the matcher hint unless the message has one", () => {
    expect(failureOf(() => expect(3).toBeEven()).message).toBe("expect(received).toBeEven()\n\nExpected 3 to be even")
    expect(failureOf(() => expect(9).toBeWithin(1, 5)).message).toBe("expect(received).toBeWithin(min, max)\n\nExpected 9 to be within 1..5")
  })

  it("fills the error fields", () => {
    const error = failureOf(() => expect(9).toBeWithin(1, 5))

    expect(error.matcherName).toBe("toBeWithin")
    expect(error.actual).toBe(9)
    expect(error.expected).toBe(1)
  })

  it("works with .resolves and .rejects", async () => {
    await expect(Promise.resolve(4)).resolves.toBeEven()
    await expect(Promise.reject(6)).rejects.toBeEven()
    await expect(Promise.resolve(5)).resolves.not.toBeEven()

    const error = await asyncFailureOf(() => expect(Promise.resolve(5)).resolves.toBeEven())

    expect(error.message).toContain("expect(received).resolves.toBeEven()")
  })

  it("supports asynchronous matchers", async () => {
    await expect(async () => 3).toEventuallyBe(3)
    await expect(async () => 3).not.toEventuallyBe(4)

    const error = await asyncFailureOf(() => expect(async () => 3).toEventuallyBe(4))

    expect(error.message).toContain("Got 3")
  })

  it("complains about a matcher that returns no result", () => {
    expect.extend({toBeBroken: () => undefined as unknown as MatcherResult})

    expect(() => (expect(1) as unknown as {toBeBroken(): void}).toBeBroken()).toThrow(/toBeBroken must return \{pass: boolean/)
  })

  it("rejects non-function matchers and reserved names", () => {
    expect(() => expect.extend({toBeBad: 5 as unknown as () => MatcherResult})).toThrow(/must be a function/)
    expect(() => expect.extend({not: () => ({pass: true, message: () => ""})})).toThrow(/reserved/)
  })
})
