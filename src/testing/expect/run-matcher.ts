import {captureFrames, withStack, type StackSource} from "./call-site.js"
import {diffValues} from "./diff.js"
import {equals} from "./equality.js"
import {ExpectationFailedError, ExpectationUsageError} from "./errors.js"
import {argumentsHint, formatValue, matcherHint} from "./format.js"
import type {DetailedMatcherResult, MatcherContext, MatcherFunction, PromiseMode} from "./types.js"

export interface Mode {
  isNot: boolean
  promise: PromiseMode
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as PromiseLike<unknown>).then === "function"
}

function createContext(matcherName: string, mode: Mode): MatcherContext {
  return {
    isNot: mode.isNot,
    promise: mode.promise,
    matcherName,
    equals,
    utils: {
      format: formatValue,
      diff: diffValues,
      matcherHint: (name, received, expected) => matcherHint(name, mode, received, expected)
    }
  }
}

function checkResult(result: DetailedMatcherResult, context: MatcherContext, actual: unknown, args: unknown[], source: StackSource): void {
  if (typeof result !== "object" || result === null || typeof result.pass !== "boolean") {
    throw withStack(new ExpectationUsageError(`Matcher ${context.matcherName} must return {pass: boolean, message: () => string}, got ${formatValue(result)}`), source)
  }

  if (result.pass !== context.isNot) return

  const hint = matcherHint(context.matcherName, context, "received", argumentsHint(args))
  const custom = typeof result.message === "function" ? String(result.message()) : ""
  // Every failure starts with the matcher hint, also when a custom matcher's message leaves it out.
  const message = custom.startsWith("expect(") ? custom : [hint, custom].filter((part) => part).join("\n\n")
  const error = new ExpectationFailedError(message, {
    matcherName: context.matcherName,
    expected: "expected" in result ? result.expected : args[0],
    actual: "actual" in result ? result.actual : actual
  })

  throw withStack(error, source)
}

function rethrowWithStack(error: unknown, source: StackSource): never {
  if (error instanceof ExpectationUsageError) throw withStack(error, source)

  throw error
}

/** Runs one matcher; returns a promise only when the matcher itself was asynchronous. */
export function runMatcher(matcher: MatcherFunction, matcherName: string, mode: Mode, actual: unknown, args: unknown[], source: StackSource): void | Promise<void> {
  const context = createContext(matcherName, mode)
  let result: ReturnType<MatcherFunction>

  try {
    result = matcher.call(context, actual, ...args)
  } catch (error) {
    rethrowWithStack(error, source)
  }

  if (isPromiseLike(result)) {
    // Once the matcher has gone async the entry function is no longer on the stack, so keep its frames now.
    const frames = typeof source === "string" ? source : captureFrames(source)

    return Promise.resolve(result).then(
      (settled) => checkResult(settled, context, actual, args, frames),
      (error: unknown) => rethrowWithStack(error, frames)
    )
  }

  checkResult(result, context, actual, args, source)
}

export async function settlePromise(actual: unknown, matcherName: string, mode: Mode, args: unknown[], frames: string): Promise<unknown> {
  const hint = matcherHint(matcherName, mode, "received", argumentsHint(args))
  let subject: unknown

  try {
    subject = typeof actual === "function" ? actual() : actual
  } catch (error) {
    // A function that throws before returning a promise behaves like a rejected promise.
    subject = Promise.reject(error)
  }

  if (!isPromiseLike(subject)) {
    const message = `${hint}\n\nThe received value must be a promise or a function returning a promise.\nGot: ${formatValue(subject)}`

    throw withStack(new ExpectationUsageError(message), frames)
  }

  let outcome: {rejected: boolean, value: unknown}

  try {
    outcome = {rejected: false, value: await subject}
  } catch (reason) {
    outcome = {rejected: true, value: reason}
  }

  if (outcome.rejected === (mode.promise === "rejects")) return outcome.value

  const problem = outcome.rejected
    ? `Received promise rejected instead of resolving.\nRejection reason: ${formatValue(outcome.value)}`
    : `Received promise resolved instead of rejecting.\nResolved value: ${formatValue(outcome.value)}`

  throw withStack(new ExpectationFailedError(`${hint}\n\n${problem}`, {matcherName, actual: outcome.value}), frames)
}
