import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"
import {ExpectationUsageError} from "velocious/build/src/testing/expect/index.js"

describe("expect - toMatch", () => {
  it("matches a RegExp", () => {
    expect("hello world").toMatch(/wor/)
    expect(() => expect("hello").toMatch(/^world/)).toThrow(ExpectationFailedError)
  })

  it("matches a substring", () => {
    expect("hello world").toMatch("o w")
    expect(() => expect("hello").toMatch("x")).toThrow(ExpectationFailedError)
  })

  it("is not affected by the lastIndex of a global RegExp", () => {
    const pattern = /a/g

    expect("a").toMatch(pattern)
    expect("a").toMatch(pattern)
  })

  it("supports .not", () => {
    expect("hello").not.toMatch(/x/)
    expect(() => expect("hello").not.toMatch(/ell/)).toThrow(/not.toMatch[\s\S]*Expected pattern: not \/ell\/\nReceived string:  'hello'/)
  })

  it("rejects non-strings", () => {
    expect(() => expect(5).toMatch(/5/)).toThrow(ExpectationUsageError)
    expect(() => expect("5").toMatch(5 as unknown as string)).toThrow(/must be a string or a RegExp/)
  })
})
