import {captureFrames} from "./call-site.js"
import {ExpectationUsageError} from "./errors.js"
import {builtinMatchers} from "./matchers/index.js"
import {runMatcher, settlePromise, type Mode} from "./run-matcher.js"
import type {MatcherDefinitions, MatcherFunction} from "./types.js"

const actualKey = Symbol("actual")

interface ExpectationState {
  [actualKey]: unknown
}

const registry = new Map<string, MatcherFunction>(Object.entries(builtinMatchers))

// One prototype per mode holds all matcher methods, so expect() itself only allocates a tiny object.
const prototypes = new Map<string, object>()

function makeMethod(matcherName: string, matcher: MatcherFunction, mode: Mode): Function {
  const method = function (this: ExpectationState, ...args: unknown[]): void | Promise<void> {
    if (typeof this !== "object" || this === null || !(actualKey in this)) {
      throw new ExpectationUsageError(`${matcherName}() must be called on an expectation, as in expect(value).${matcherName}(...)`)
    }

    const actual = this[actualKey]

    if (!mode.promise) return runMatcher(matcher, matcherName, mode, actual, args, method)

    const frames = captureFrames(method)

    return settlePromise(actual, matcherName, mode, args, frames).then((value) => runMatcher(matcher, matcherName, mode, value, args, frames))
  }

  Object.defineProperty(method, "name", {value: matcherName})

  return method
}

function defineChain(prototype: object, name: string, mode: Mode): void {
  Object.defineProperty(prototype, name, {
    get(this: ExpectationState) {
      return createExpectation(this[actualKey], mode)
    }
  })
}

function prototypeFor(mode: Mode): object {
  const key = `${mode.promise}:${mode.isNot}`
  const cached = prototypes.get(key)

  if (cached) return cached

  const prototype = {}

  for (const [name, matcher] of registry) {
    Object.defineProperty(prototype, name, {value: makeMethod(name, matcher, mode), writable: true, configurable: true})
  }

  if (!mode.isNot) defineChain(prototype, "not", {...mode, isNot: true})

  if (!mode.promise) {
    defineChain(prototype, "resolves", {...mode, promise: "resolves"})
    defineChain(prototype, "rejects", {...mode, promise: "rejects"})
  }

  prototypes.set(key, prototype)

  return prototype
}

export function createExpectation(actual: unknown, mode: Mode = {isNot: false, promise: ""}): unknown {
  const expectation = Object.create(prototypeFor(mode)) as ExpectationState

  expectation[actualKey] = actual

  return expectation
}

export function addMatchers(definitions: MatcherDefinitions): void {
  if (typeof definitions !== "object" || definitions === null) throw new TypeError("expect.extend() needs an object of matcher functions")

  for (const [name, matcher] of Object.entries(definitions)) {
    if (typeof matcher !== "function") throw new TypeError(`expect.extend(): matcher "${name}" must be a function, got ${typeof matcher}`)
    if (["not", "resolves", "rejects"].includes(name)) throw new TypeError(`expect.extend(): "${name}" is reserved and cannot be a matcher name`)

    registry.set(name, matcher)
  }

  prototypes.clear()
}
