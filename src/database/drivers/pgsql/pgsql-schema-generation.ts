/**
 * Counts DDL run through any PostgreSQL driver in this process. A connection that prepared its
 * statements under an older count drops them before preparing the next one: PostgreSQL refuses
 * to run a prepared `SELECT *` / `RETURNING *` whose table gained or lost columns since
 * (SQLSTATE 0A000, "cached plan must not change result type"). DDL from other processes is
 * caught by that error instead (see PgsqlDriver).
 */
let generation = 0

export function pgsqlSchemaGeneration(): number {
  return generation
}

export function bumpPgsqlSchemaGeneration(): void {
  generation++
}
