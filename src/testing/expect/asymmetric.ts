import {inspect, type InspectOptionsStylized} from "node:util"
import {matchOnce} from "./match-once.js"

type Equals = (a: unknown, b: unknown) => boolean
type Constructor = abstract new (...args: any[]) => unknown

export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown, equals: Equals): boolean
}

export function isAsymmetricMatcher(value: unknown): value is AsymmetricMatcherLike {
  return typeof value === "object" && value !== null && typeof (value as AsymmetricMatcherLike).asymmetricMatch === "function"
}

export abstract class AsymmetricMatcher<Sample> implements AsymmetricMatcherLike {
  constructor(readonly sample: Sample, readonly inverse = false) {}

  abstract asymmetricMatch(other: unknown, equals: Equals): boolean

  abstract toString(): string

  // `depth` is how many levels the surrounding inspect() has left, so nested matchers respect its limit.
  [inspect.custom](depth: number, options: InspectOptionsStylized): string {
    if (depth < 0) return `[${this.toString()}]`

    return `${this.toString()} ${inspect(this.sample, {...options, depth: options.depth === null ? null : depth})}`
  }
}

export class ObjectContaining extends AsymmetricMatcher<Record<PropertyKey, unknown>> {
  constructor(sample: Record<PropertyKey, unknown>, inverse = false) {
    if (typeof sample !== "object" || sample === null) throw new TypeError(`expect.objectContaining() needs an object, got ${inspect(sample)}`)

    super(sample, inverse)
  }

  asymmetricMatch(other: unknown, equals: Equals): boolean {
    const matches = (typeof other === "object" || typeof other === "function") && other !== null &&
      Reflect.ownKeys(this.sample).every((key) => key in other && equals((other as Record<PropertyKey, unknown>)[key], this.sample[key]))

    return this.inverse ? !matches : matches
  }

  toString(): string {
    return this.inverse ? "ObjectNotContaining" : "ObjectContaining"
  }
}

export class ArrayContaining extends AsymmetricMatcher<unknown[]> {
  constructor(sample: unknown[], inverse = false) {
    if (!Array.isArray(sample)) throw new TypeError(`expect.arrayContaining() needs an array, got ${inspect(sample)}`)

    super(sample, inverse)
  }

  asymmetricMatch(other: unknown, equals: Equals): boolean {
    const matches = this.sample.length === 0 ||
      (Array.isArray(other) && this.sample.every((item) => other.some((candidate) => equals(candidate, item))))

    return this.inverse ? !matches : matches
  }

  toString(): string {
    return this.inverse ? "ArrayNotContaining" : "ArrayContaining"
  }
}

export class StringContaining extends AsymmetricMatcher<string> {
  constructor(sample: string, inverse = false) {
    if (typeof sample !== "string") throw new TypeError(`expect.stringContaining() needs a string, got ${inspect(sample)}`)

    super(sample, inverse)
  }

  asymmetricMatch(other: unknown): boolean {
    const matches = typeof other === "string" && other.includes(this.sample)

    return this.inverse ? !matches : matches
  }

  toString(): string {
    return this.inverse ? "StringNotContaining" : "StringContaining"
  }
}

export class StringMatching extends AsymmetricMatcher<RegExp> {
  constructor(sample: RegExp | string, inverse = false) {
    if (typeof sample !== "string" && !(sample instanceof RegExp)) throw new TypeError(`expect.stringMatching() needs a RegExp or string, got ${inspect(sample)}`)

    super(typeof sample === "string" ? new RegExp(sample) : sample, inverse)
  }

  asymmetricMatch(other: unknown): boolean {
    const matches = typeof other === "string" && matchOnce(this.sample, other)

    return this.inverse ? !matches : matches
  }

  toString(): string {
    return this.inverse ? "StringNotMatching" : "StringMatching"
  }
}

// Primitives never pass `instanceof`, so the wrapper constructors stand for their typeof.
const primitiveTypes = new Map<unknown, string>([
  [Number, "number"],
  [String, "string"],
  [Boolean, "boolean"],
  [BigInt, "bigint"],
  [Symbol, "symbol"],
  [Function, "function"]
])

export class Any extends AsymmetricMatcher<Constructor> {
  constructor(sample: Constructor) {
    if (typeof sample !== "function") throw new TypeError(`expect.any() needs a class or constructor such as Number or Date, got ${inspect(sample)}`)

    super(sample)
  }

  asymmetricMatch(other: unknown): boolean {
    const primitiveType = primitiveTypes.get(this.sample)

    if (primitiveType && typeof other === primitiveType) return true
    if (this.sample === Object) return typeof other === "object" && other !== null

    return other instanceof this.sample
  }

  toString(): string {
    return "Any"
  }

  override [inspect.custom](): string {
    return `Any<${this.sample.name || "anonymous"}>`
  }
}

export class Anything extends AsymmetricMatcher<undefined> {
  constructor() {
    super(undefined)
  }

  asymmetricMatch(other: unknown): boolean {
    return other !== null && other !== undefined
  }

  toString(): string {
    return "Anything"
  }

  override [inspect.custom](): string {
    return "Anything"
  }
}
