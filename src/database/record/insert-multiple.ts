import type Record from "./index.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import {DatabaseConnectionLostError, DatabaseError, DatabaseQueryError} from "../drivers/base/errors.js"
import {checkKeys} from "../../utils/check-keys.js"
import {UnknownAttributeError} from "./errors.js"
import {addDatabaseErrorContext} from "./database-error-context.js"

export interface InsertMultipleOptions {
  /** When a statement fails, insert its rows one by one and collect the failing ones instead of throwing. */
  retryIndividuallyOnFailure?: boolean
  /** Resolve with `{succeededRows, failedRows, errors}` instead of undefined. */
  returnResults?: boolean
}

export interface InsertMultipleResults {
  /** The given rows (the same arrays) that were inserted. */
  succeededRows: unknown[][]
  /** The given rows that failed, in order; `errors[i]` is why `failedRows[i]` failed. */
  failedRows: unknown[][]
  errors: Error[]
}

export class InsertMultipleError extends DatabaseError {
  override name = "InsertMultipleError"
}

const optionKeys = ["retryIndividuallyOnFailure", "returnResults"]

/** Which columns the statement writes, and how to fill the ones the caller left out. */
interface InsertPlan {
  columns: string[]
  /** The columns the caller gave, the first `given` of `columns`. */
  given: number
  /**
   * Values for columns the caller left out but save() would fill: a timestamp is one value for
   * the whole call, cast once; a uuid key is made per row.
   */
  extra: ({value: unknown} | {perRow: () => unknown})[]
}

function planInsert(model: typeof Record, columns: string[]): InsertPlan {
  const metadata = model.getMetadata()

  if (!Array.isArray(columns) || columns.length === 0) throw new InsertMultipleError(`${model.name}.insertMultiple() needs a non-empty array of column names as its first argument`)

  const resolved = columns.map((name) => {
    const column = typeof name === "string" ? metadata.columnFor(name) : undefined

    if (!column) throw new UnknownAttributeError(`${model.name}.insertMultiple(): ${model.name} has no column '${String(name)}' (table ${model.getTableName()}; columns: ${metadata.columnNames().join(", ")})`)

    return column
  })

  const duplicate = resolved.find((column, index) => resolved.indexOf(column) !== index)

  if (duplicate) throw new InsertMultipleError(`${model.name}.insertMultiple(): column '${duplicate}' is given twice; give each column once`)

  const plan: InsertPlan = {columns: resolved, given: resolved.length, extra: []}
  const now = new Date()
  const primaryKey = metadata.columnsByName.get(model.primaryKey)

  // Like save(): timestamps the caller did not give are set, so NOT NULL timestamp columns just work.
  for (const timestamp of ["created_at", "updated_at"]) {
    if (metadata.columnsByName.has(timestamp) && !resolved.includes(timestamp)) {
      plan.columns.push(timestamp)
      plan.extra.push({value: model.castAttributeForDatabase(timestamp, now)})
    }
  }

  if (primaryKey?.type === "uuid" && !resolved.includes(primaryKey.name)) {
    plan.columns.push(primaryKey.name)
    plan.extra.push({perRow: () => model.castAttributeForDatabase(primaryKey.name, globalThis.crypto.randomUUID())})
  }

  return plan
}

function checkRows(model: typeof Record, rows: unknown[][], width: number): void {
  if (!Array.isArray(rows)) throw new InsertMultipleError(`${model.name}.insertMultiple() needs an array of rows (arrays of values) as its second argument`)

  rows.forEach((row, index) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new InsertMultipleError(`${model.name}.insertMultiple(): row ${index} has ${Array.isArray(row) ? `${row.length} value(s)` : `a ${typeof row}`}; give an array of ${width} value(s), one per column`)
    }
  })
}

/**
 * One multi-row INSERT per chunk, each chunk as large as the dialect's bound-parameter limit
 * allows. A statement is atomic, so a failing chunk inserts nothing unless rows are retried.
 */
export async function insertMultiple(model: typeof Record, columns: string[], rows: unknown[][], options: InsertMultipleOptions = {}): Promise<InsertMultipleResults | undefined> {
  checkKeys(options, optionKeys, `${model.name}.insertMultiple()`)

  const plan = planInsert(model, columns)

  checkRows(model, rows, columns.length)

  const db = model.connection()
  const results: InsertMultipleResults = {succeededRows: [], failedRows: [], errors: []}
  const rowsPerStatement = Math.max(1, Math.floor(db.getAdapter().maxBindParameters / plan.columns.length))

  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement)
    const values = chunk.map((row) => databaseValues(model, plan, row))

    try {
      await attempt(db, Boolean(options.retryIndividuallyOnFailure), () => insertStatement(model, db, plan, values))
      for (const row of chunk) results.succeededRows.push(row)
    } catch (error) {
      if (!options.retryIndividuallyOnFailure || !isRowError(error)) throw await addDatabaseErrorContext(model, db, error, valueObjects(plan, values))

      await retryRows(model, db, plan, chunk, values, results)
    }
  }

  return options.returnResults ? results : undefined
}

async function retryRows(model: typeof Record, db: BaseDriver, plan: InsertPlan, chunk: unknown[][], values: unknown[][], results: InsertMultipleResults): Promise<void> {
  for (const [index, row] of chunk.entries()) {
    try {
      await attempt(db, true, () => insertStatement(model, db, plan, [values[index]]))
      results.succeededRows.push(row)
    } catch (error) {
      if (!isRowError(error)) throw error

      results.failedRows.push(row)
      results.errors.push(await addDatabaseErrorContext(model, db, error, valueObjects(plan, [values[index]])) as Error)
    }
  }
}

/**
 * Inside a transaction a failed statement poisons it on PostgreSQL, so a statement that may be
 * retried runs in a savepoint; outside one it needs nothing extra, a statement being atomic.
 */
function attempt(db: BaseDriver, retrying: boolean, insert: () => Promise<unknown>): Promise<unknown> {
  return retrying && db.isInTransaction() ? db.transaction(insert) : insert()
}

/** What a single row can fail on (a constraint, a bad value); a lost connection fails them all. */
function isRowError(error: unknown): boolean {
  return error instanceof DatabaseQueryError && !(error instanceof DatabaseConnectionLostError)
}

// Plain loops: this runs once per row of a 10,000-row call, and the per-row map and spreads
// it replaced were a third of insertMultiple's own time in a profile.
function databaseValues(model: typeof Record, plan: InsertPlan, row: unknown[]): unknown[] {
  const values = new Array(plan.columns.length)

  for (let index = 0; index < plan.given; index++) values[index] = model.castAttributeForDatabase(plan.columns[index], row[index])
  for (let index = 0; index < plan.extra.length; index++) {
    const fill = plan.extra[index]

    values[plan.given + index] = "value" in fill ? fill.value : fill.perRow()
  }

  return values
}

function valueObjects(plan: InsertPlan, values: unknown[][]): {[column: string]: unknown}[] {
  return values.map((row) => Object.fromEntries(plan.columns.map((column, index) => [column, row[index]])))
}

async function insertStatement(model: typeof Record, db: BaseDriver, plan: InsertPlan, values: unknown[][]): Promise<void> {
  const columnList = plan.columns.map((column) => db.quoteIdentifier(column)).join(", ")
  const tuple = `(${plan.columns.map(() => "?").join(", ")})`
  const width = plan.columns.length
  const params = new Array(values.length * width)

  for (let row = 0; row < values.length; row++) {
    for (let column = 0; column < width; column++) params[row * width + column] = values[row][column]
  }

  await db.execute(`INSERT INTO ${db.quoteIdentifier(model.getTableName())} (${columnList}) VALUES ${new Array(values.length).fill(tuple).join(", ")}`, params)
}
