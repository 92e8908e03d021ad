/**
 * The time of day in whole milliseconds, like Date.now(), for stamping log lines. Date.now() is
 * a call into V8's runtime, about 250 instructions (callgrind, bench/http/instructions.mjs), and
 * every request line takes one; performance.now() is a fast API call of about 50. So the time
 * is the monotonic clock plus an offset that is read again from Date.now() once a second: a
 * change of the system clock (an NTP step) shows in the lines within a second, and between
 * two readings the lines keep the monotonic clock's order.
 */
const monotonic: {now(): number} | undefined = globalThis.performance
let offsetMs = 0
let anchoredAt = Number.NEGATIVE_INFINITY

export function wallClockMs(): number {
  if (monotonic === undefined) return Date.now()

  return wallClockMsAt(monotonic.now())
}

/**
 * The time of day at `now`, a reading of performance.now() the caller already has: the request
 * line's duration and its timestamp come from one reading of the clock.
 */
export function wallClockMsAt(now: number): number {
  if (!(now - anchoredAt < 1000)) {
    anchoredAt = now
    offsetMs = Date.now() - now
  }

  return Math.round(now + offsetMs)
}
