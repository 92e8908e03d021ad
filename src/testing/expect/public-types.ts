import type {AsymmetricMatcherLike} from "./asymmetric.js"

type Constructor = abstract new (...args: any[]) => unknown

export type ThrowExpectation = string | RegExp | Constructor | Error | {message: string} | AsymmetricMatcherLike

/**
 * Every matcher, returning R (void, or a Promise after .resolves/.rejects). Other modules add their own
 * matchers by augmenting this interface next to their expect.extend() call:
 *
 *   declare module "velocious/build/src/testing/expect/index.js" {
 *     interface Matchers<R> { toBeValidRecord(): R }
 *   }
 */
export interface Matchers<R> {
  toBe(expected: unknown): R
  toEqual(expected: unknown): R
  toStrictEqual(expected: unknown): R
  toMatchObject(expected: object | object[]): R
  toBeTruthy(): R
  toBeFalsy(): R
  toBeNull(): R
  toBeUndefined(): R
  toBeDefined(): R
  toBeNaN(): R
  toBeInstanceOf(expected: Constructor | Function): R
  toContain(expected: unknown): R
  toContainEqual(expected: unknown): R
  toMatch(expected: string | RegExp): R
  toHaveLength(expected: number): R
  toHaveProperty(path: string | readonly PropertyKey[], value?: unknown): R
  toBeGreaterThan(expected: number | bigint): R
  toBeGreaterThanOrEqual(expected: number | bigint): R
  toBeLessThan(expected: number | bigint): R
  toBeLessThanOrEqual(expected: number | bigint): R
  toBeCloseTo(expected: number, digits?: number): R
  toThrow(expected?: ThrowExpectation): R
  toThrowError(expected?: ThrowExpectation): R
  /** A record's attributes (camelCase or snake_case names) equal these values; see matchers/record-matchers.ts. */
  toHaveAttributes(expected: {[attribute: string]: unknown}): R
}

// toThrow on an async function has to wait for its promise, so it returns one; on a sync function it stays sync.
// A function that always throws returns never, which must not count as returning a promise.
type ThrowResult<T> = T extends (...args: any[]) => infer Result
  ? [Result] extends [never] ? void : Result extends PromiseLike<unknown> ? Promise<void> : void
  : void

export interface AsyncExpectation extends Matchers<Promise<void>> {
  not: Matchers<Promise<void>>
}

export interface NegatedExpectation<T = unknown> extends Matchers<void> {
  toThrow(expected?: ThrowExpectation): ThrowResult<T>
  toThrowError(expected?: ThrowExpectation): ThrowResult<T>
  resolves: Matchers<Promise<void>>
  rejects: Matchers<Promise<void>>
}

export interface Expectation<T = unknown> extends Matchers<void> {
  toThrow(expected?: ThrowExpectation): ThrowResult<T>
  toThrowError(expected?: ThrowExpectation): ThrowResult<T>
  not: NegatedExpectation<T>
  resolves: AsyncExpectation
  rejects: AsyncExpectation
}
