import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {wallClockMs, wallClockMsAt} from "velocious/build/src/logger/wall-clock.js"

describe("logger: the wall clock lines are stamped with", () => {
  it("gives whole milliseconds within a millisecond of Date.now(), never going back between readings", async () => {
    let previous = wallClockMs()

    // Across more than a second, so the offset is read again at least once.
    const until = Date.now() + 1200

    while (Date.now() < until) {
      const before = Date.now()
      const stamp = wallClockMs()
      const after = Date.now()

      expect(Number.isInteger(stamp)).toBe(true)
      expect(stamp >= before - 1 && stamp <= after + 1).toBe(true)
      expect(stamp >= previous - 1).toBe(true)
      previous = stamp
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })

  it("gives the time of day of a performance.now() reading taken earlier", async () => {
    const reading = performance.now()
    const then = Date.now()

    await new Promise((resolve) => setTimeout(resolve, 30))

    const stamp = wallClockMsAt(reading)

    expect(Math.abs(stamp - then) <= 2).toBe(true)
    expect(wallClockMs() - stamp >= 29).toBe(true)
  })

  it("follows a change of the system clock within a second", async () => {
    const realNow = Date.now
    const shift = 3_600_000

    try {
      Date.now = () => realNow() + shift
      await new Promise((resolve) => setTimeout(resolve, 1050))

      expect(Math.abs(wallClockMs() - (realNow() + shift)) <= 2).toBe(true)
    } finally {
      Date.now = realNow
    }
    await new Promise((resolve) => setTimeout(resolve, 1050))
    expect(Math.abs(wallClockMs() - realNow()) <= 2).toBe(true)
  })
})
