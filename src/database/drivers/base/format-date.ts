function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0")
}

/**
 * Dates are written as UTC `YYYY-MM-DD HH:MM:SS.mmm` on every dialect: SQLite's own date
 * functions read that form, MySQL's DATETIME rejects a trailing `Z`, and PostgreSQL sessions
 * run in UTC (set on connect) so the same instant is stored whatever the server's zone is.
 */
export function formatDateForDatabase(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Cannot store an invalid Date in the database")

  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
}
