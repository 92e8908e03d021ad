import type BaseDriver from "../drivers/base/base-driver.js"
import type Record from "../record/index.js"
import {RecordNotFoundError} from "../record/errors.js"
import {isIntegerColumn, matchesNoInteger} from "../record/integer-casting.js"

/** A key the query builder turns into `= ?`; null and arrays (IS NULL, IN) take the general path. */
export function isScalarKey(id: unknown): boolean {
  return typeof id === "number" || typeof id === "string" || typeof id === "bigint"
}

export function notFoundError(model: typeof Record, id: unknown): RecordNotFoundError {
  return new RecordNotFoundError(`Couldn't find ${model.name} with '${model.primaryKey}'=${String(id)}`)
}

/**
 * `Model.find(id)` with a scalar id on the model's plain query, the statement apps run most.
 * Its SQL is what the query builder makes for `where({id}).toArray()`, built by the builder
 * once per model, table, key and dialect and then reused with the id bound, so a find runs no
 * builder and creates no query objects.
 */
export function findByKey(model: typeof Record, id: unknown): Promise<Record> {
  let found: Record | Promise<Record>

  // Not an async function: on SQLite the row is there at once, and a find in a loop would pay
  // for two promises more than the one it returns.
  try {
    // find("abc") with an integer key: no row can have it (where() gives 1 = 0 for it too).
    if (matchesNoInteger(id) && isIntegerColumn(model.getMetadata().columnsByName.get(model.primaryKey))) throw notFoundError(model, id)

    const db = model.connection()
    const row = db.queryFirstNow(findByKeySql(model, db, id), [model.castAttributeForDatabase(model.primaryKey, id)])

    found = row instanceof Promise ? recordWhenRead(model, id, row) : recordFor(model, id, row)
  } catch (error) {
    return Promise.reject(error)
  }

  return found instanceof Promise ? found : Promise.resolve(found)
}

function findByKeySql(model: typeof Record, db: BaseDriver, id: unknown): string {
  const metadata = model.getMetadata()
  const primaryKey = model.primaryKey
  const dialect = db.dialect()
  const table = model.getTableName()
  const cached = metadata.findByKeyStatement

  if (cached && cached.dialect === dialect && cached.table === table && cached.primaryKey === primaryKey) return cached.sql

  const sql = model.newQuery().where({[primaryKey]: id}).toSql().sql

  metadata.findByKeyStatement = {dialect, table, primaryKey, sql}

  return sql
}

// Awaited rather than chained with then(), so an error's stack keeps the caller's async frames.
async function recordWhenRead(model: typeof Record, id: unknown, pending: Promise<{[column: string]: unknown} | undefined>): Promise<Record> {
  return recordFor(model, id, await pending)
}

function recordFor(model: typeof Record, id: unknown, row: {[column: string]: unknown} | undefined): Record {
  if (row === undefined) throw notFoundError(model, id)

  return model.instantiateRows([row])[0]
}
