/** Whether `value` is a promise (or any thenable) to wait for, rather than a value already there. */
export function isThenable<Value>(value: Value | PromiseLike<Value>): value is PromiseLike<Value> {
  return typeof (value as {then?: unknown} | null | undefined)?.then === "function"
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
