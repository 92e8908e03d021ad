import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {closestMatch, editDistance} from "velocious/build/src/utils/closest-match.js"
import {checkKeys, UnknownOptionError} from "velocious/build/src/utils/check-keys.js"

describe("closestMatch", () => {
  it("measures edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3)
    expect(editDistance("", "abc")).toBe(3)
    expect(editDistance("same", "same")).toBe(0)
  })

  it("suggests the nearest command for a typo", () => {
    expect(closestMatch("db:migrat", ["db:migrate", "db:rollback", "test"])).toBe("db:migrate")
    expect(closestMatch("tset", ["db:migrate", "test"])).toBe("test")
  })

  it("suggests nothing when nothing is close", () => {
    expect(closestMatch("deploy", ["db:migrate", "test"])).toBeUndefined()
  })
})

describe("checkKeys", () => {
  it("passes known keys", () => {
    checkKeys({a: 1}, ["a", "b"], "thing()")
  })

  it("names the unknown key, the nearest valid one and the list", () => {
    expect(() => checkKeys({colour: 1}, ["color", "size"], "paint()")).toThrow(UnknownOptionError)
    expect(() => checkKeys({colour: 1}, ["color", "size"], "paint()")).toThrow("Unknown option 'colour' given to paint(). Did you mean 'color'? Valid options: color, size")
  })
})
