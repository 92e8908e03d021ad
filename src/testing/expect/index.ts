import {Any, Anything, ArrayContaining, ObjectContaining, StringContaining, StringMatching} from "./asymmetric.js"
import {addMatchers, createExpectation} from "./expectation.js"
import {recordMatchers} from "./matchers/record-matchers.js"
import type {Expectation} from "./public-types.js"
import type {MatcherDefinitions} from "./types.js"

export {Any, Anything, ArrayContaining, AsymmetricMatcher, ObjectContaining, StringContaining, StringMatching, isAsymmetricMatcher} from "./asymmetric.js"
export type {AsymmetricMatcherLike} from "./asymmetric.js"
export {equals} from "./equality.js"
export {ExpectationFailedError, ExpectationUsageError} from "./errors.js"
export type {AsyncExpectation, Expectation, Matchers, NegatedExpectation, ThrowExpectation} from "./public-types.js"
export type {EqualsOptions, MatcherContext, MatcherDefinitions, MatcherFunction, MatcherResult, MatcherUtils, PromiseMode} from "./types.js"

type Constructor = abstract new (...args: any[]) => unknown

export function expect<T = unknown>(actual: T): Expectation<T> {
  return createExpectation(actual) as Expectation<T>
}

expect.extend = (matchers: MatcherDefinitions): void => addMatchers(matchers)
// Registered through the public extend() (not the built-in table) so it stays an ordinary add-on matcher.
expect.extend(recordMatchers)
expect.objectContaining = (sample: Record<PropertyKey, unknown>) => new ObjectContaining(sample)
expect.arrayContaining = (sample: unknown[]) => new ArrayContaining(sample)
expect.stringContaining = (sample: string) => new StringContaining(sample)
expect.stringMatching = (sample: string | RegExp) => new StringMatching(sample)
expect.any = (sample: Constructor | Function) => new Any(sample as Constructor)
expect.anything = () => new Anything()
expect.not = {
  objectContaining: (sample: Record<PropertyKey, unknown>) => new ObjectContaining(sample, true),
  arrayContaining: (sample: unknown[]) => new ArrayContaining(sample, true),
  stringContaining: (sample: string) => new StringContaining(sample, true),
  stringMatching: (sample: string | RegExp) => new StringMatching(sample, true)
}

export default expect
