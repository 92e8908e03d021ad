import type {ColumnInfo} from "../drivers/base/introspection-types.js"

/**
 * Drivers return what the database gives (1/0 booleans on SQLite and MySQL, datetime text on
 * SQLite, JSON as text); records answer in JavaScript types by the column's logical type.
 */
export function castFromDatabase(column: ColumnInfo | undefined, value: unknown): unknown {
  if (value === null || value === undefined || !column) return value

  switch (column.type) {
    case "boolean":
      return value === true || value === 1 || value === "1" || value === "t" || value === "true" || (typeof value === "bigint" && value === 1n)
    case "datetime":
      if (value instanceof Date) return value

      return typeof value === "string" ? parseDatabaseDate(value) : new Date(Number(value))
    case "json":
      return typeof value === "string" ? JSON.parse(value) : value
    case "integer":
    case "tinyint":
      return typeof value === "bigint" ? Number(value) : typeof value === "string" ? Number(value) : value
    case "bigint":
      if (typeof value === "string" && /^-?\d+$/.test(value)) {
        const number = Number(value)

        return Number.isSafeInteger(number) ? number : value
      }

      return typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value
    default:
      return value
  }
}

/** `YYYY-MM-DD HH:MM:SS(.mmm)` is stored in UTC by every driver. */
function parseDatabaseDate(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? `${text.replace(" ", "T")}Z` : text

  return new Date(iso)
}

/** Values written from JavaScript: a column typed boolean or datetime accepts the usual spellings. */
export function castForDatabase(column: ColumnInfo | undefined, value: unknown): unknown {
  if (value === undefined) return null
  if (value === null || !column) return value

  if (column.type === "datetime" && typeof value === "string") return new Date(value)
  if (column.type === "boolean" && typeof value !== "boolean") return castFromDatabase(column, value)

  return value
}
