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
  const now = new Date()

  if (creating && metadata.columnsByName.has("created_at") && record.readAttribute("created_at") === null) record.writeAttribute("created_at", now)
  if (metadata.columnsByName.has("updated_at") && (creating ? record.readAttribute("updated_at") === null : record.isChanged())) record.writeAttribute("updated_at", now)
}

/**
 * Validates, runs the callbacks and writes the record with one INSERT or UPDATE. A save in a
 * loop pays for every promise it makes, so steps with nothing to wait for (no callbacks of a
 * kind, no validations) make none: `if (pending) await pending`.
 */
export async function persistRecord<Saved extends Record>(record: Saved): Promise<Saved> {
  const model = record.getModel()
  const creating = record.isNewRecord()
  const validity = record.validateForSave()
  let pending: Promise<void> | undefined

  if (!(typeof validity === "boolean" ? validity : await validity)) throw new ValidationError(record, record.errors.fullMessages())

  if ((pending = runCallbacks(record, "beforeSave"))) await pending
  if ((pending = runCallbacks(record, creating ? "beforeCreate" : "beforeUpdate"))) await pending
  touchTimestamps(record, creating)

  const db = model.connection()

  try {
    if (creating) {
      // Awaited here rather than in a helper of its own: one promise less per create.
      const insert = insertStatement(record, db)

      if (insert.returning) record.adoptDatabaseRow((await db.query(insert.sql, insert.values))[0] as Attributes)
      else adoptInsertId(record, await db.execute(insert.sql, insert.values))
    } else {
      await updateRecord(record, db)
    }
  } catch (error) {
    // Constraint errors name the model and column (see database-error-context.ts).
    throw await addDatabaseErrorContext(model, db, error, [record.attributes()])
  }

  if ((pending = runCallbacks(record, creating ? "afterCreate" : "afterUpdate"))) await pending
  if ((pending = runCallbacks(record, "afterSave"))) await pending
  if ((pending = queueAfterCommit(record, db))) await pending

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

  for (const column of Object.keys(attributes)) {
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

async function updateRecord(record: Record, db: BaseDriver): Promise<void> {
  const model = record.getModel()
  const changes = record.changes()
  const columns = Object.keys(changes).filter((column) => model.getMetadata().columnsByName.has(column))

  if (columns.length > 0) {
    const assignments = columns.map((column) => `${db.quoteIdentifier(column)} = ?`).join(", ")
    const values = columns.map((column) => model.castAttributeForDatabase(column, changes[column][1]))

    await db.execute(`UPDATE ${quotedTable(model, db)} SET ${assignments} WHERE ${db.quoteIdentifier(model.primaryKey)} = ?`, [...values, record.id()])
  }

  record.adoptPersistedState(record.attributes())
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
