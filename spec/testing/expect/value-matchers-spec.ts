import {describe, it, expect, ExpectationFailedError} from "velocious/build/src/testing/test.js"

describe("expect - truthiness matchers", () => {
  it("toBeTruthy", () => {
    expect(1).toBeTruthy()
    expect("x").toBeTruthy()
    expect({}).toBeTruthy()
    expect(0).not.toBeTruthy()
    expect(() => expect("").toBeTruthy()).toThrow(ExpectationFailedError)
    expect(() => expect(1).not.toBeTruthy()).toThrow(ExpectationFailedError)
  })

  it("toBeFalsy", () => {
    expect(0).toBeFalsy()
    expect("").toBeFalsy()
    expect(null).toBeFalsy()
    expect([]).not.toBeFalsy()
    expect(() => expect(1).toBeFalsy()).toThrow(ExpectationFailedError)
    expect(() => expect(undefined).not.toBeFalsy()).toThrow(ExpectationFailedError)
  })

  it("toBeNull", () => {
    expect(null).toBeNull()
    expect(undefined).not.toBeNull()
    expect(() => expect(0).toBeNull()).toThrow(ExpectationFailedError)
    expect(() => expect(null).not.toBeNull()).toThrow(ExpectationFailedError)
  })

  it("toBeUndefined", () => {
    expect(undefined).toBeUndefined()
    expect(null).not.toBeUndefined()
    expect(() => expect(1).toBeUndefined()).toThrow(ExpectationFailedError)
    expect(() => expect(undefined).not.toBeUndefined()).toThrow(ExpectationFailedError)
  })

  it("toBeDefined", () => {
    expect(null).toBeDefined()
    expect(0).toBeDefined()
    expect(undefined).not.toBeDefined()
    expect(() => expect(undefined).toBeDefined()).toThrow(ExpectationFailedError)
    expect(() => expect(1).not.toBeDefined()).toThrow(ExpectationFailedError)
  })

  it("toBeNaN", () => {
    expect(NaN).toBeNaN()
    expect(1).not.toBeNaN()
    expect("NaN").not.toBeNaN()
    expect(() => expect(1).toBeNaN()).toThrow(ExpectationFailedError)
    expect(() => expect(NaN).not.toBeNaN()).toThrow(ExpectationFailedError)
  })
})

describe("expect - toBeInstanceOf", () => {
  class Animal {}
  class Dog extends Animal {}

  it("passes for instances and subclasses", () => {
    expect(new Dog()).toBeInstanceOf(Dog)
    expect(new Dog()).toBeInstanceOf(Animal)
    expect(new Map()).toBeInstanceOf(Map)
  })

  it("fails otherwise", () => {
    expect(() => expect(new Animal()).toBeInstanceOf(Dog)).toThrow(ExpectationFailedError)
    expect(() => expect(1).toBeInstanceOf(Number)).toThrow(ExpectationFailedError)
  })

  it("supports .not", () => {
    expect(new Animal()).not.toBeInstanceOf(Dog)
    expect(() => expect(new Dog()).not.toBeInstanceOf(Animal)).toThrow(ExpectationFailedError)
  })

  it("names both classes in the message", () => {
    expect(() => expect(new Animal()).toBeInstanceOf(Dog)).toThrow(/Expected: an instance of Dog\nReceived: Animal {} \(an instance of Animal\)/)
  })

  it("rejects a non-constructor", () => {
    expect(() => expect(new Dog()).toBeInstanceOf({} as Function)).toThrow(/toBeInstanceOf[\s\S]*must be a class/)
  })
})
