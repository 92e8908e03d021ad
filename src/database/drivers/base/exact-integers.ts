/*
 * Integers past Number.MAX_SAFE_INTEGER leave every driver as their exact text, as pg's int8
 * parser and mysql2 (supportBigNumbers) give them. The SQLite drivers read integers as doubles
 * and, only for rows holding a double past the safe range, again as BigInts; these turn those
 * BigInts back into what the other drivers give.
 */

/** Whether a double read from an integer may be a rounded one. */
export function isPastSafeInteger(value: unknown): boolean {
  return typeof value === "number" && (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER)
}

/** A BigInt as the number it is when safe, else as its exact text. */
export function exactInteger(value: bigint): number | string {
  return value <= maxSafe && value >= minSafe ? Number(value) : value.toString()
}

/** The BigInts among `values` as exactInteger() gives them, in place. */
export function exactIntegersInPlace(values: unknown[]): void {
  for (let index = 0; index < values.length; index++) {
    const value = values[index]

    if (typeof value === "bigint") values[index] = exactInteger(value)
  }
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER)
const minSafe = BigInt(Number.MIN_SAFE_INTEGER)
