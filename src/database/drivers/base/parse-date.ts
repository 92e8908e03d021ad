/** UTC datetime text as every driver writes it, read back into Dates; see parseStoredDate(). */

const daysInMonths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The number in `count` digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0

  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48

    if (digit < 0 || digit > 9) return -1

    value = value * 10 + digit
  }

  return value
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

  return month === 2 && leap ? 29 : daysInMonths[month - 1]
}

/**
 * Exactly `YYYY-MM-DD HH:MM:SS` with an optional `.fraction`, the form Velocious writes, read
 * field by field: the general date parser was a fifth of the time of loading rows on SQLite,
 * and PostgreSQL sends `timestamp` columns in this form too. Anything else (a zone, an
 * out-of-range field the general parser would roll over, a year below 100, which Date.UTC
 * would read as 19xx) gives undefined and takes the general path.
 */
export function parseStoredDate(text: string): Date | undefined {
  if (text.length < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined

  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  let millisecond = 0

  if (text.length > 19) {
    if (text.charCodeAt(19) !== 46 || text.length === 20) return undefined

    // Like the general parser: milliseconds from the first three digits, the rest dropped.
    for (let index = 20; index < text.length; index++) {
      const digit = text.charCodeAt(index) - 48

      if (digit < 0 || digit > 9) return undefined
      if (index < 23) millisecond += digit * (index === 20 ? 100 : index === 21 ? 10 : 1)
    }
  }

  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined

  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond))
}
