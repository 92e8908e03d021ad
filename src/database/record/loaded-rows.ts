import {castColumnsInPlace, castRowFromDatabase, castRowInPlace, castsValues} from "./attribute-casting.js"
import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import type Record from "./index.js"

type Attributes = {[name: string]: unknown}

/** A record for one row, made with Object.create: loaded records skip the constructor and its defaults. */
export function instantiateRow<Model extends typeof Record>(model: Model, row: Attributes): InstanceType<Model> {
  const record = Object.create(model.prototype) as InstanceType<Model>
  const metadata = model.getMetadata()

  record.initializeLoaded(castRowFromDatabase(metadata.columnsByName, row), metadata.defersCasts)

  return record
}

/** For a model that overrides instantiateFromDatabase(): called per row as before. */
export function instantiateEachRow<Model extends typeof Record>(model: Model, rows: Attributes[]): InstanceType<Model>[] {
  const records = new Array<InstanceType<Model>>(rows.length)

  for (let index = 0; index < rows.length; index++) records[index] = model.instantiateFromDatabase(rows[index]) as InstanceType<Model>

  return records
}

/**
 * Records for the rows of one query result, which it takes over: each row becomes its record's
 * attributes, cast in place, instead of being copied key by key (the copy was most of the cost
 * of a loaded record). The rows share their columns, so which need casting is worked out once
 * per result.
 */
export function instantiateRows<Model extends typeof Record>(model: Model, rows: Attributes[]): InstanceType<Model>[] {
  const records = new Array<InstanceType<Model>>(rows.length)

  if (rows.length === 0) return records

  const metadata = model.getMetadata()
  const castNames: string[] = []
  const castColumns: ColumnInfo[] = []
  const prototype = model.prototype

  for (const name of Object.keys(rows[0])) {
    const column = metadata.columnsByName.get(name)

    if (castsValues(column)) {
      castNames.push(name)
      castColumns.push(column)
    }
  }

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]
    const record = Object.create(prototype) as InstanceType<Model>

    if (castNames.length > 0) castRowInPlace(castNames, castColumns, row)
    record.initializeLoaded(row, metadata.defersCasts)
    records[index] = record
  }

  return records
}

/**
 * A row the database returned for a record (INSERT ... RETURNING, a reload), which the record
 * takes over, cast in place like a loaded row; through castAttributeFromDatabase() per value
 * when the model overrides that.
 */
export function adoptDatabaseRow(record: Record, row: Attributes, castOverridden: boolean): void {
  const model = record.getModel()
  const metadata = model.getMetadata()

  if (!castOverridden) {
    castColumnsInPlace(metadata.columnsByName, row)
    record.adoptPersistedState(row, metadata.defersCasts)

    return
  }

  const attributes: Attributes = {}

  for (const column of Object.keys(row)) attributes[column] = model.castAttributeFromDatabase(metadata.columnsByName.get(column), row[column])

  record.adoptPersistedState(attributes)
}
