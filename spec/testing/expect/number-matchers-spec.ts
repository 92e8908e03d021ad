import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"

describe("expect - number comparisons", () => {
  it("toBeGreaterThan", () => {
    expect(2).toBeGreaterThan(1)
    expect(2n).toBeGreaterThan(1n)
    expect(1).not.toBeGreaterThan(1)
    expect(() => expect(1).toBeGreaterThan(1)).toThrow(ExpectationFailedError)
    expect(() => expect(2).not.toBeGreaterThan(1)).toThrow(ExpectationFailedError)
  })

  it("toBeGreaterThanOrEqual", () => {
    expect(1).toBeGreaterThanOrEqual(1)
    expect(2).toBeGreaterThanOrEqual(1)
    expect(0).not.toBeGreaterThanOrEqual(1)
    expect(() => expect(0).toBeGreaterThanOrEqual(1)).toThrow(ExpectationFailedError)
  })

  it("toBeLessThan", () => {
    expect(1).toBeLessThan(2)
    expect(2).not.toBeLessThan(2)
    expect(() => expect(2).toBeLessThan(2)).toThrow(ExpectationFailedError)
  })

  it("toBeLessThanOrEqual", () => {
    expect(2).toBeLessThanOrEqual(2)
    expect(3).not.toBeLessThanOrEqual(2)
    expect(() => expect(3).toBeLessThanOrEqual(2)).toThrow(ExpectationFailedError)
  })

  it("shows the comparison in the message", () => {
    expect(() => expect(1).toBeGreaterThan(5)).toThrow(/Expected: > 5\nReceived: 1/)
    expect(() => expect(9).not.toBeLessThanOrEqual(10)).toThrow(/Expected: not <= 10\nReceived: 9/)
  })

  it("rejects non-numbers with a usage error", () => {
    expect(() => expect(1).toBeGreaterThan("a" as unknown as number)).toThrow(ExpectationUsageError)
    expect(() => expect("1").toBeLessThan(2)).toThrow(/toBeLessThan[\s\S]*received value must be a number[\s\S]*Got: '1' \(string\)/)
  })
})

describe("expect - toBeCloseTo", () => {
  it("passes within the precision", () => {
    expect(0.1 + 0.2).toBeCloseTo(0.3)
    expect(3.14159).toBeCloseTo(3.14, 2)
    expect(Infinity).toBeCloseTo(Infinity)
  })

  it("fails outside the precision", () => {
    expect(() => expect(0.1 + 0.2).toBeCloseTo(0.4)).toThrow(ExpectationFailedError)
    expect(() => expect(3.14159).toBeCloseTo(3.14, 4)).toThrow(ExpectationFailedError)
    expect(() => expect(Infinity).toBeCloseTo(-Infinity)).toThrow(ExpectationFailedError)
  })

  it("supports .not", () => {
    expect(0.5).not.toBeCloseTo(0.6)
    expect(() => expect(0.3).not.toBeCloseTo(0.3)).toThrow(ExpectationFailedError)
  })

  it("rejects non-numbers", () => {
    expect(() => expect("0.3").toBeCloseTo(0.3)).toThrow(ExpectationUsageError)
  })
})
