import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {formatLine} from "velocious/build/src/logger/format-line.js"
import {timedEntry} from "velocious/build/src/logger/log-output.js"

function entry(timestamp: Date, message = "m", subject = "Server") {
  return timedEntry(message, "info", subject, timestamp.getTime())
}

describe("Log line formatting", () => {
  it("writes the same timestamp as toISOString() for every millisecond, across seconds, days and backwards", () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 58, 990)
    const times: number[] = []

    // Every millisecond across two second boundaries and a year boundary, then jumps back and forth.
    for (let ms = start; ms < start + 2100; ms++) times.push(ms)
    times.push(start + 5, start - 86_400_000, start + 1, Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(1969, 11, 31, 23, 59, 59, 1), 0, -1, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(10000, 0, 1, 0, 0, 0, 7), Date.UTC(-1, 0, 1, 0, 0, 0, 5), Date.UTC(-1, 0, 1, 0, 0, 0, 9), start)

    const wrong = times.filter((ms) => {
      const date = new Date(ms)

      return formatLine(entry(date), {withTimestamp: true}) !== `${date.toISOString()} [info] Server: m`
    })

    expect(wrong.map((ms) => new Date(ms).toISOString())).toEqual([])
  })

  it("formats each entry's own message, level and subject, with and without a timestamp", () => {
    expectEntriesFormatted()
  })

  // An entry keeps both lines for the next output (the console's and the file's); both must
  // be the same text whichever output asks first.
  it("formats the same lines whichever output asks first", () => {
    const timestamp = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6))
    const fileFirst = entry(timestamp, "file first")

    expect(formatLine(fileFirst, {withTimestamp: true})).toBe("2026-01-02T03:04:05.006Z [info] Server: file first")
    expect(formatLine(fileFirst, {withTimestamp: false})).toBe("[info] Server: file first")

    const farYear = entry(new Date(Date.UTC(10000, 0, 1, 0, 0, 0, 7)), "far")

    expect(formatLine(farYear, {withTimestamp: false})).toBe("[info] Server: far")
    expect(formatLine(farYear, {withTimestamp: true})).toBe("+010000-01-01T00:00:00.007Z [info] Server: far")
  })
})

function expectEntriesFormatted(): void {
  const timestamp = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6))
  const first = entry(timestamp, "first")
  const second = timedEntry("second", "warn", "", timestamp.getTime())

  expect(formatLine(first, {withTimestamp: false})).toBe("[info] Server: first")
  expect(formatLine(first, {withTimestamp: true})).toBe("2026-01-02T03:04:05.006Z [info] Server: first")
  expect(formatLine(second, {withTimestamp: false})).toBe("[warn] second")
  expect(formatLine(entry(timestamp, "third", "Jobs"), {withTimestamp: true})).toBe("2026-01-02T03:04:05.006Z [info] Jobs: third")

  // The same entry object with its message changed in between (a custom output may do that).
  first.message = "changed"
  expect(formatLine(first, {withTimestamp: false})).toBe("[info] Server: changed")
  expect(formatLine(first, {withTimestamp: true})).toBe("2026-01-02T03:04:05.006Z [info] Server: changed")
}
