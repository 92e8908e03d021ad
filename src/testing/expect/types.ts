export type PromiseMode = "" | "resolves" | "rejects"

export interface MatcherResult {
  pass: boolean
  message: () => string
}

// Built-in matchers also report what they compared so ExpectationFailedError can expose it.
export interface DetailedMatcherResult extends MatcherResult {
  expected?: unknown
  actual?: unknown
}

export interface EqualsOptions {
  strict?: boolean
}

export interface MatcherUtils {
  format(value: unknown): string
  diff(expected: unknown, received: unknown): string | undefined
  matcherHint(matcherName: string, received?: string, expected?: string): string
}

export interface MatcherContext {
  isNot: boolean
  promise: PromiseMode
  matcherName: string
  equals(a: unknown, b: unknown, options?: EqualsOptions): boolean
  utils: MatcherUtils
}

export type MatcherFunction = (this: MatcherContext, received: any, ...args: any[]) => MatcherResult | Promise<MatcherResult>

export type MatcherDefinitions = Record<string, MatcherFunction>
