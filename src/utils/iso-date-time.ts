const dayMs = 86_400_000
// 0001-01-01 and 10000-01-01 UTC: inside, toISOString() writes a plain four-digit year.
const fourDigitYearsFrom = -62_135_596_800_000
const fourDigitYearsUntil = 253_402_300_800_000

const twoDigits = Array.from({length: 60}, (_, number) => String(number).padStart(2, "0"))
/** 0-999 as three digits (`"007"`), as ISO text writes milliseconds. */
export const threeDigits: readonly string[] = Array.from({length: 1000}, (_, number) => String(number).padStart(3, "0"))

// Rows rendered together often share a day, so the `YYYY-MM-DDT` part of the last day is kept.
let cachedDay = Number.NaN
let cachedDayPrefix = ""

/**
 * `YYYY-MM-DDT` of a day counted from 1970-01-01, by the usual days-to-civil-date arithmetic on
 * 400-year eras of the proleptic Gregorian calendar (the one Date uses), with years starting
 * on March 1 so the leap day comes last.
 */
function datePrefix(day: number): string {
  const daysSinceMarchYear0 = day + 719_468
  const era = Math.floor(daysSinceMarchYear0 / 146_097)
  const dayOfEra = daysSinceMarchYear0 - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

  return `${String(year).padStart(4, "0")}-${twoDigits[month]}-${twoDigits[dayOfMonth]}T`
}

/**
 * What `date.toISOString()` returns (`2026-11-23T09:05:03.042Z`), without its C++ round trip:
 * JSON.stringify calls Date#toJSON → toISOString for every Date, about a microsecond each on a
 * slow core, which made the dates most of the cost of rendering records. The time of day is
 * plain arithmetic (UTC has no DST, and JavaScript time has no leap seconds). Dates outside
 * years 1-9999, and invalid ones, are left to toISOString() (which throws for invalid dates, as usual).
 */
export function isoDateTime(date: Date): string {
  const time = date.getTime()

  if (!(time >= fourDigitYearsFrom && time < fourDigitYearsUntil)) return date.toISOString()

  const day = Math.floor(time / dayMs)

  if (day !== cachedDay) {
    cachedDayPrefix = datePrefix(day)
    cachedDay = day
  }

  const msOfDay = time - day * dayMs
  const milliseconds = msOfDay % 1000
  const secondsOfDay = (msOfDay - milliseconds) / 1000
  const seconds = secondsOfDay % 60
  const minutesOfDay = (secondsOfDay - seconds) / 60
  const minutes = minutesOfDay % 60
  const hours = (minutesOfDay - minutes) / 60

  return `${cachedDayPrefix}${twoDigits[hours]}:${twoDigits[minutes]}:${twoDigits[seconds]}.${threeDigits[milliseconds]}Z`
}

const dateToJson = Date.prototype.toJSON
const dateToIsoString = Date.prototype.toISOString

/** A Date that JSON.stringify would write through Date's own toJSON() and toISOString() (neither replaced on it), so dateJson() may write it instead. */
export function isPlainDate(value: unknown): value is Date {
  return value instanceof Date && value.toJSON === dateToJson && value.toISOString === dateToIsoString
}

/** What `Date#toJSON()` returns, through isoDateTime(): null for an invalid date, else the ISO text. */
export function dateJson(date: Date): string | null {
  return Number.isFinite(date.getTime()) ? isoDateTime(date) : null
}
