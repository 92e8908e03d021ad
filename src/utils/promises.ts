/** Whether `value` is a promise (or any thenable) to wait for, rather than a value already there. */
export function isThenable<Value>(value: Value | PromiseLike<Value>): value is PromiseLike<Value> {
  return typeof (value as {then?: unknown} | null | undefined)?.then === "function"
}

/**
 * `call()`, then `cleanup()` once what it returned has settled: right away for a plain value or
 * a synchronous throw (so a synchronous result stays synchronous), else when the promise
 * settles. The result, value or error, is passed on as it was.
 */
export function afterSettled<Result>(call: () => Result, cleanup: () => void): Result {
  let result: Result

  try {
    result = call()
  } catch (error) {
    cleanup()
    throw error
  }

  if (!isThenable(result)) {
    cleanup()

    return result
  }

  return Promise.resolve(result).then((value) => {
    cleanup()

    return value
  }, (error: unknown) => {
    cleanup()

    throw error
  }) as Result
}

/**
 * `callback(argument)` as a promise, as an async function would give it (a synchronous throw
 * becomes a rejection), without an async function's extra promise and microtask turn.
 */
export function settle<Argument, Result>(callback: (argument: Argument) => Result | PromiseLike<Result>, argument: Argument): Promise<Result> {
  try {
    return Promise.resolve(callback(argument))
  } catch (error) {
    return Promise.reject(error)
  }
}
