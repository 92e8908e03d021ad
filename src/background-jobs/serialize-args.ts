export class JobArgumentsError extends Error {}

function check(value: unknown, where: string, seen: Set<unknown>): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new JobArgumentsError(`${where} is ${value}, which JSON cannot carry; pass a finite number or null`)
    return
  }
  if (Array.isArray(value)) {
    if (seen.has(value)) throw new JobArgumentsError(`${where} refers to itself; job arguments must be plain JSON without cycles`)
    seen.add(value)
    value.forEach((each, index) => check(each, `${where}[${index}]`, seen))
    seen.delete(value)
    return
  }
  if (typeof value === "object") {
    const prototype = Object.getPrototypeOf(value)

    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as object).constructor?.name || "object"

      throw new JobArgumentsError(`${where} is a ${name}, which would not survive JSON; pass plain data (e.g. an id, or date.toISOString()) and load it in perform()`)
    }
    if (seen.has(value)) throw new JobArgumentsError(`${where} refers to itself; job arguments must be plain JSON without cycles`)
    seen.add(value)
    for (const [key, each] of Object.entries(value)) check(each, `${where}.${key}`, seen)
    seen.delete(value)
    return
  }

  throw new JobArgumentsError(`${where} is of type ${typeof value}, which JSON cannot carry; job arguments must be strings, numbers, booleans, null, arrays or plain objects`)
}

/**
 * Job arguments as JSON text. Anything JSON.stringify would silently drop or change (undefined,
 * functions, Dates, class instances, NaN) is refused here, at enqueue time, not in the worker.
 */
export function serializeJobArgs(jobName: string, args: unknown[]): string {
  args.forEach((arg, index) => check(arg, `${jobName} argument ${index + 1}`, new Set()))

  return JSON.stringify(args)
}
