function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0")
}

export function formatTimestamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
}

/** A 14-digit UTC timestamp not used by any `taken` version (two generators in one second get consecutive ones). */
export function migrationTimestamp(now: Date, taken: string[]): string {
  const used = new Set(taken)
  let date = now

  while (used.has(formatTimestamp(date))) date = new Date(date.getTime() + 1000)

  return formatTimestamp(date)
}
