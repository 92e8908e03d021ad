import type Record from "./index.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import type {ExecuteResult} from "../drivers/base/base-driver.js"
import {RecordNotFoundError, ValidationError} from "./errors.js"
import {hasCallbacks, runCallbacks} from "./callbacks.js"
import {destroyDependents} from "./relationships/dependent.js"
import {addDatabaseErrorContext} from "./database-error-context.js"

type Attributes = {[column: string]: unknown}

function quotedTable(model: typeof Record, db: BaseDriver): string {
  return db.quoteIdentifier(model.getTableName())
}

function touchTimestamps(record: Record, creating: boolean): void {
  const metadata = record.getModel().getMetadata()
  const createdAt = creating ? metadata.createdAtColumn : undefined
  const updatedAt = metadata.updatedAtColumn
  // One instant for both columns, made only when one of them is written.
  let now: Date | undefined

  if (createdAt && record.readColumn(createdAt.name) === null) record.writeColumn(createdAt, now = new Date())
  if (updatedAt && (creating ? record.readColumn(updatedAt.name) === null : record.isChanged())) record.writeColumn(updatedAt, now ?? new Date())
}

/**
 * Validates, runs the callbacks and writes the record with one INSERT or UPDATE. A save in a
 * loop pays for every promise it makes, so steps with nothing to wait for make none: a model
 * without callbacks or validations is written without any on SQLite, whose driver runs
 * statements synchronously (see writeRecord()).
 */
export function persistRecord<Saved extends Record>(record: Saved): Promise<Saved> {
  if (!savesPlainly(record)) return persistWithCallbacks(record)

  let pending: Promise<Record> | undefined

  try {
    // What validating would leave behind with no validations to run: no errors.
    record.clearErrors()
    pending = writeRecord(record, record.isNewRecord())
  } catch (error) {
    return Promise.reject(error)
  }

  // A pending write resolves to the record itself: returned as it is, no promise more.
  return pending === undefined ? Promise.resolve(record) : pending as Promise<Saved>
}

/**
 * Whether a save has nothing to run but the write: no callbacks of the kinds a save runs, no
 * validations, and the model validates the way Record does.
 */
function savesPlainly(record: Record): boolean {
  const model = record.getModel()

  if (model.getValidations().length > 0 || !record.hasOwnValidationOnly()) return false

  const callbacks = model.getCallbacks()

  if (callbacks.size === 0) return true

  for (const [name, list] of callbacks) {
    if (list.length > 0 && name !== "beforeDestroy" && name !== "afterDestroy") return false
  }

  return true
}

async function persistWithCallbacks<Saved extends Record>(record: Saved): Promise<Saved> {
  const creating = record.isNewRecord()
  const validity = record.validateForSave()
  let pending: Promise<unknown> | undefined

  if (!(typeof validity === "boolean" ? validity : await validity)) throw new ValidationError(record, record.errors.fullMessages())

  if ((pending = runCallbacks(record, "beforeSave"))) await pending
  if ((pending = runCallbacks(record, creating ? "beforeCreate" : "beforeUpdate"))) await pending
  if ((pending = writeRecord(record, creating))) await pending
  if ((pending = runCallbacks(record, creating ? "afterCreate" : "afterUpdate"))) await pending
  if ((pending = runCallbacks(record, "afterSave"))) await pending
  if ((pending = queueAfterCommit(record, record.getModel().connection()))) await pending

  return record
}

/**
 * The timestamps, then the INSERT or UPDATE: done when this returns undefined (a synchronous
 * driver), else when the promise resolves (to the record). Constraint errors name the model and
 * column (see database-error-context.ts). Each asynchronous step is one async function that
 * awaits the driver, so a write makes as few promises as before and errors keep the caller's
 * async frames in their stack.
 */
function writeRecord(record: Record, creating: boolean): Promise<Record> | undefined {
  touchTimestamps(record, creating)

  const model = record.getModel()
  const db = model.connection()

  try {
    return creating ? insertRecord(record, model, db) : updateRecord(record, model, db)
  } catch (error) {
    return rejectWithContext(error, model, db, record)
  }
}

async function rejectWithContext(error: unknown, model: typeof Record, db: BaseDriver, record: Record): Promise<never> {
  throw await addDatabaseErrorContext(model, db, error, [record.attributes()])
}

/** One INSERT; with RETURNING the stored row comes back and the record takes it over. */
function insertRecord(record: Record, model: typeof Record, db: BaseDriver): Promise<Record> | undefined {
  const insert = insertStatement(record, db)

  if (insert.returning) {
    const row = db.queryFirstNow(insert.sql, insert.values)

    if (row instanceof Promise) return adoptWhenDone(record, model, db, row, (returned) => record.adoptDatabaseRow(returned as Attributes))

    record.adoptDatabaseRow(row as Attributes)
  } else {
    const result = db.executeNow(insert.sql, insert.values)

    if (result instanceof Promise) return adoptWhenDone(record, model, db, result, (done) => adoptInsertId(record, done))

    adoptInsertId(record, result)
  }

  return undefined
}

/**
 * Once the driver's pending statement is done, `adopt` takes its result into the record. A
 * database error names the model and column (see database-error-context.ts).
 */
async function adoptWhenDone<Result>(record: Record, model: typeof Record, db: BaseDriver, pending: Promise<Result>, adopt: (result: Result) => void): Promise<Record> {
  let result: Result

  try {
    result = await pending
  } catch (error) {
    throw await addDatabaseErrorContext(model, db, error, [record.attributes()])
  }

  adopt(result)

  return record
}

/**
 * Hands the afterCommit callbacks to the driver (queued until the outermost transaction commits).
 * A model without any queues nothing: a transaction creating thousands of records would otherwise
 * keep, and at commit schedule, one empty callback per record.
 */
function queueAfterCommit(record: Record, db: BaseDriver): Promise<void> | undefined {
  if (!hasCallbacks(record.getModel(), "afterCommit")) return undefined

  return db.afterCommit(() => runCallbacks(record, "afterCommit"))
}

/** The INSERT of a new record's attributes; with RETURNING where the database has it, so the stored row comes back. */
function insertStatement(record: Record, db: BaseDriver): {sql: string, values: unknown[], returning: boolean} {
  const model = record.getModel()
  const metadata = model.getMetadata()
  const primaryKey = metadata.columnsByName.get(model.primaryKey)

  // A uuid key is made here rather than by the database, so every dialect knows it without RETURNING.
  if (primaryKey?.type === "uuid" && record.id() === null) record.writeAttribute(model.primaryKey, globalThis.crypto.randomUUID())

  const attributes = record.attributesForWrite()
  const columns: string[] = []
  const values: unknown[] = []

  for (const column in attributes) {
    const value = attributes[column]

    if (value === null && column === model.primaryKey) continue
    if (!metadata.columnsByName.has(column)) continue

    columns.push(column)
    values.push(model.castAttributeForDatabase(column, value))
  }

  const returning = db.getAdapter().supportsReturning

  return {sql: insertSql(model, db, columns, returning), values, returning}
}

/** Without RETURNING (MySQL): the attributes as written, with the id the database generated. */
function adoptInsertId(record: Record, result: ExecuteResult): void {
  const model = record.getModel()
  const persisted = record.attributes()

  if (persisted[model.primaryKey] === null || persisted[model.primaryKey] === undefined) {
    persisted[model.primaryKey] = model.castAttributeFromDatabase(model.getMetadata().columnsByName.get(model.primaryKey), result.insertId)
  }

  record.adoptPersistedState(persisted)
}

/** The INSERT for this list of columns, built once per model, table, dialect and list (creates repeat the same few). */
function insertSql(model: typeof Record, db: BaseDriver, columns: string[], returning: boolean): string {
  const cache = model.getMetadata().insertStatements
  const dialect = db.dialect()
  const tableName = model.getTableName()
  const cached = cache.get(columns)

  if (cached && cached.dialect === dialect && cached.table === tableName && cached.returning === returning) return cached.sql

  const table = quotedTable(model, db)
  let sql: string

  if (columns.length === 0) sql = dialect === "mysql" ? `INSERT INTO ${table} () VALUES ()` : `INSERT INTO ${table} DEFAULT VALUES`
  else sql = `INSERT INTO ${table} (${columns.map((column) => db.quoteIdentifier(column)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`

  if (returning) sql = `${sql} RETURNING *`

  cache.set(columns, {dialect, table: tableName, returning, sql})

  return sql
}

/** An UPDATE of the changed columns (none: no statement); the record is persisted as it is afterwards. */
function updateRecord(record: Record, model: typeof Record, db: BaseDriver): Promise<Record> | undefined {
  const changes = record.changes()
  const columns = Object.keys(changes).filter((column) => model.getMetadata().columnsByName.has(column))

  if (columns.length > 0) {
    const assignments = columns.map((column) => `${db.quoteIdentifier(column)} = ?`).join(", ")
    const values = columns.map((column) => model.castAttributeForDatabase(column, changes[column][1]))
    const result = db.executeNow(`UPDATE ${quotedTable(model, db)} SET ${assignments} WHERE ${db.quoteIdentifier(model.primaryKey)} = ?`, [...values, record.id()])

    if (result instanceof Promise) return adoptWhenDone(record, model, db, result, () => record.adoptPersistedState(record.attributes()))
  }

  record.adoptPersistedState(record.attributes())

  return undefined
}

export async function destroyRecord(record: Record): Promise<void> {
  const model = record.getModel()
  const db = model.connection()

  await runCallbacks(record, "beforeDestroy")
  await destroyDependents(record)
  await db.execute(`DELETE FROM ${quotedTable(model, db)} WHERE ${db.quoteIdentifier(model.primaryKey)} = ?`, [record.id()])
  await runCallbacks(record, "afterDestroy")
  await queueAfterCommit(record, db)
}

export async function reloadRecord(record: Record): Promise<void> {
  const model = record.getModel()
  const db = model.connection()
  const rows = await db.query(`SELECT * FROM ${quotedTable(model, db)} WHERE ${db.quoteIdentifier(model.primaryKey)} = ?`, [record.id()])

  if (rows.length === 0) throw new RecordNotFoundError(`Couldn't find ${model.name} with '${model.primaryKey}'=${String(record.id())}`)

  record.adoptDatabaseRow(rows[0] as Attributes)
}
