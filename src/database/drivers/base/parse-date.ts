import {threeDigits} from "../../../utils/iso-date-time.js"

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

/** The fields readStoredDate() read last: one object, filled again on every call, so reading makes none. */
const fields = {year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0}

/**
 * Reads text in exactly the form `YYYY-MM-DD HH:MM:SS` with an optional `.fraction` (the form
 * Velocious writes) into `fields`; false for anything else: a zone, an out-of-range field the
 * general parser would roll over, a year below 100 (which Date.UTC would read as 19xx). Like the
 * general parser, the fraction counts to the millisecond and the rest is dropped.
 */
function readStoredDate(text: string): boolean {
  if (text.length < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false

  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  let millisecond = 0

  if (text.length > 19) {
    if (text.charCodeAt(19) !== 46 || text.length === 20) return false

    for (let index = 20; index < text.length; index++) {
      const digit = text.charCodeAt(index) - 48

      if (digit < 0 || digit > 9) return false
      if (index < 23) millisecond += digit * (index === 20 ? 100 : index === 21 ? 10 : 1)
    }
  }

  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false

  fields.year = year
  fields.month = month
  fields.day = day
  fields.hour = hour
  fields.minute = minute
  fields.second = second
  fields.millisecond = millisecond

  return true
}

/**
 * Stored datetime text (see readStoredDate()) as a Date, read field by field: the general date
 * parser was a fifth of the time of loading rows on SQLite, and PostgreSQL sends `timestamp`
 * columns in this form too. Anything else gives undefined and takes the general path.
 */
export function parseStoredDate(text: string): Date | undefined {
  if (!readStoredDate(text)) return undefined

  return new Date(Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond))
}

let lastIso = {text: "", iso: ""}

/**
 * What `JSON.stringify(parseStoredDate(text))` gives (`YYYY-MM-DDTHH:MM:SS.mmmZ`), made from the
 * text without a Date: serializing Dates is most of the cost of rendering loaded rows as JSON.
 */
export function storedDateToIso(text: string): string | undefined {
  // A row's created_at and updated_at, and the rows of one bulk insert, are often the same text.
  if (text === lastIso.text) return lastIso.iso
  if (!readStoredDate(text)) return undefined

  const iso = `${text.slice(0, 10)}T${text.slice(11, 19)}.${threeDigits[fields.millisecond]}Z`

  lastIso = {text, iso}

  return iso
}
