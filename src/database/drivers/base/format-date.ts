function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0")
}

const twoDigits = Array.from({length: 100}, (_, value) => pad(value))
const threeDigits = Array.from({length: 1000}, (_, value) => pad(value, 3))
let lastFormatted = {time: Number.NaN, text: ""}

/**
 * Dates are written as UTC `YYYY-MM-DD HH:MM:SS.mmm` on every dialect: SQLite's own date
 * functions read that form, MySQL's DATETIME rejects a trailing `Z`, and PostgreSQL sessions
 * run in UTC (set on connect) so the same instant is stored whatever the server's zone is.
 */
export function formatDateForDatabase(date: Date): string {
  const time = date.getTime()

  if (Number.isNaN(time)) throw new RangeError("Cannot store an invalid Date in the database")
  // A bulk insert stamps every row with the same instant: the text of the last one is kept.
  if (time === lastFormatted.time) return lastFormatted.text

  const year = date.getUTCFullYear()

  // Two- and three-digit pieces from tables rather than padStart: every timestamp written goes
  // through here, and this takes about two thirds of the time.
  const text = `${year >= 1000 && year <= 9999 ? year : pad(year, 4)}-${twoDigits[date.getUTCMonth() + 1]}-${twoDigits[date.getUTCDate()]} ` +
    `${twoDigits[date.getUTCHours()]}:${twoDigits[date.getUTCMinutes()]}:${twoDigits[date.getUTCSeconds()]}.${threeDigits[date.getUTCMilliseconds()]}`

  lastFormatted = {time, text}

  return text
}
