import {castFromDatabase, castPlanFor, castRowInPlace, type CastPlan} from "./attribute-casting.js"
import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import type ModelMetadata from "./model-metadata.js"
import type Record from "./index.js"
import {loadedRecordKey, own} from "./model-statics.js"

type Attributes = {[name: string]: unknown}
type LoadedRecordConstructor<Model extends typeof Record> = new (attributes: Attributes, deferredCasts: boolean) => InstanceType<Model>

/**
 * Makes the model's loaded records: a plain constructor sharing the model's prototype, so the
 * class constructor and its defaults are skipped, and the engine gives the records room for all
 * their fields up front (what Object.create made kept some of them in a separate store).
 */
function loadedRecordConstructor<Model extends typeof Record>(model: Model): LoadedRecordConstructor<Model> {
  return own(model, loadedRecordKey, () => {
    function LoadedRecord(this: Record, attributes: Attributes, deferredCasts: boolean): void {
      this.initializeLoaded(attributes, deferredCasts)
    }

    LoadedRecord.prototype = model.prototype

    return LoadedRecord as unknown as LoadedRecordConstructor<Model>
  })
}

/** A record for one row; loaded records skip the class constructor and its defaults (see loadedRecordConstructor()). */
export function instantiateRow<Model extends typeof Record>(model: Model, row: Attributes): InstanceType<Model> {
  const metadata = model.getMetadata()
  const LoadedRecord = loadedRecordConstructor(model)

  const attributes = {...row}

  castRowInPlace(metadata.castPlan, attributes)

  return new LoadedRecord(attributes, metadata.defersCasts)
}

/** For a model that overrides instantiateFromDatabase(): called per row as before. */
export function instantiateEachRow<Model extends typeof Record>(model: Model, rows: Attributes[]): InstanceType<Model>[] {
  const records = new Array<InstanceType<Model>>(rows.length)

  for (let index = 0; index < rows.length; index++) records[index] = model.instantiateFromDatabase(rows[index]) as InstanceType<Model>

  return records
}

/** Whether `value` is what castFromDatabase() makes of it already (null is not telling: a later row may hold a value that casts). */
function needsNoCast(column: ColumnInfo, value: unknown): boolean {
  if (value === null || value === undefined) return false

  try {
    return castFromDatabase(column, value) === value
  } catch {
    // A value that fails to cast fails again in castRowInPlace(), where the row is read as before.
    return false
  }
}

/**
 * The columns of one result that may cast, worked out once from its first row, as its rows share
 * their columns. Where the driver types each result column by its type on the wire
 * (DatabaseAdapter#typedResultColumns: pg, mysql2), a column whose first value is already what
 * castFromDatabase() would make of it (mysql2's integers and Dates, pg's booleans and parsed
 * JSON) is so in every row, and is left out: visiting those values in every row, only to leave
 * them, was about 6% of the instructions of preloading 100 tasks' projects on MariaDB
 * (callgrind: the row reads go through V8's megamorphic keyed-load stub, as the rows of every
 * model pass through here). Columns that do cast (MySQL's 1/0 booleans, JSON text, a SUM()
 * given a column's name) stay, and SQLite's rows, which type every value on its own, are all
 * visited as before.
 */
function resultCastPlan(metadata: ModelMetadata, firstRow: Attributes): CastPlan {
  const columns: ColumnInfo[] = []

  for (const name of Object.keys(firstRow)) {
    const column = metadata.castColumnsByName.get(name)

    if (column !== undefined && !(metadata.typedResultColumns && needsNoCast(column, firstRow[name]))) columns.push(column)
  }

  return castPlanFor(columns)
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
  const LoadedRecord = loadedRecordConstructor(model)

  // One row (a find): cast by the model's plan for rows of all its columns, without working one out.
  if (rows.length === 1) {
    castRowInPlace(metadata.castPlan, rows[0])
    records[0] = new LoadedRecord(rows[0], metadata.defersCasts)

    return records
  }

  const plan = resultCastPlan(metadata, rows[0])

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]

    if (plan.names.length > 0) castRowInPlace(plan, row)
    records[index] = new LoadedRecord(row, metadata.defersCasts)
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
    castRowInPlace(metadata.castPlan, row)
    record.adoptPersistedState(row, metadata.defersCasts)

    return
  }

  const attributes: Attributes = {}

  for (const column of Object.keys(row)) attributes[column] = model.castAttributeFromDatabase(metadata.columnsByName.get(column), row[column])

  record.adoptPersistedState(attributes)
}

