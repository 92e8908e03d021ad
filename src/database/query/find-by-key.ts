import type Record from "../record/index.js"
import {RecordNotFoundError} from "../record/errors.js"

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
export async function findByKey(model: typeof Record, id: unknown): Promise<Record> {
  const db = model.connection()
  const metadata = model.getMetadata()
  const primaryKey = model.primaryKey
  const dialect = db.dialect()
  const table = model.getTableName()
  const cached = metadata.findByKeyStatement
  let sql: string

  if (cached && cached.dialect === dialect && cached.table === table && cached.primaryKey === primaryKey) {
    sql = cached.sql
  } else {
    sql = model.newQuery().where({[primaryKey]: id}).toSql().sql
    metadata.findByKeyStatement = {dialect, table, primaryKey, sql}
  }

  const rows = await db.query(sql, [model.castAttributeForDatabase(primaryKey, id)])

  if (rows.length === 0) throw notFoundError(model, id)

  return model.instantiateRows(rows)[0]
}
