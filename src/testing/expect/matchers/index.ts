import type {MatcherFunction} from "../types.js"
import {toContain, toContainEqual, toHaveLength, toHaveProperty} from "./collection-matchers.js"
import {toBe, toEqual, toMatchObject, toStrictEqual} from "./equality-matchers.js"
import {toBeCloseTo, toBeGreaterThan, toBeGreaterThanOrEqual, toBeLessThan, toBeLessThanOrEqual} from "./number-matchers.js"
import {toMatch} from "./string-matchers.js"
import {toThrow} from "./throw-matchers.js"
import {toBeDefined, toBeFalsy, toBeInstanceOf, toBeNaN, toBeNull, toBeTruthy, toBeUndefined} from "./value-matchers.js"

export const builtinMatchers: Record<string, MatcherFunction> = {
  toBe,
  toEqual,
  toStrictEqual,
  toMatchObject,
  toBeTruthy,
  toBeFalsy,
  toBeNull,
  toBeUndefined,
  toBeDefined,
  toBeNaN,
  toBeInstanceOf,
  toContain,
  toContainEqual,
  toMatch,
  toHaveLength,
  toHaveProperty,
  toBeGreaterThan,
  toBeGreaterThanOrEqual,
  toBeLessThan,
  toBeLessThanOrEqual,
  toBeCloseTo,
  toThrow,
  toThrowError: toThrow
}
