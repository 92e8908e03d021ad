import type Record from "./index.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import {RecordNotFoundError, ValidationError} from "./errors.js"
import {runCallbacks} from "./callbacks.js"
import {destroyDependents} from "./relationships/dependent.js"
import {withDatabaseErrorContext} from "./database-error-context.js"

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

/** Validates, runs the callbacks and writes the record with one INSERT or UPDATE. */
export async function persistRecord(record: Record): Promise<void> {
  const model = record.getModel()
  const creating = record.isNewRecord()

  if (!await record.isValid()) throw new ValidationError(record, record.errors.fullMessages())

  await runCallbacks(record, "beforeSave")
  await runCallbacks(record, creating ? "beforeCreate" : "beforeUpdate")
  touchTimestamps(record, creating)

  const db = model.connection()

  await withDatabaseErrorContext(model, db, [record.attributes()], () => creating ? insertRecord(record, db) : updateRecord(record, db))

  await runCallbacks(record, creating ? "afterCreate" : "afterUpdate")
  await runCallbacks(record, "afterSave")
  await db.afterCommit(() => runCallbacks(record, "afterCommit"))
}

async function insertRecord(record: Record, db: BaseDriver): Promise<void> {
  const model = record.getModel()
  const metadata = model.getMetadata()
  const primaryKey = metadata.columnsByName.get(model.primaryKey)

  // A uuid key is made here rather than by the database, so every dialect knows it without RETURNING.
  if (primaryKey?.type === "uuid" && record.id() === null) record.writeAttribute(model.primaryKey, globalThis.crypto.randomUUID())

  const values: Attributes = {}

  for (const [column, value] of Object.entries(record.attributes())) {
    if (value === null && column === model.primaryKey) continue
    if (metadata.columnsByName.has(column)) values[column] = model.castAttributeForDatabase(column, value)
  }

  const columns = Object.keys(values)
  const table = quotedTable(model, db)
  const supportsReturning = db.getAdapter().supportsReturning
  let sql: string

  if (columns.length === 0) sql = db.dialect() === "mysql" ? `INSERT INTO ${table} () VALUES ()` : `INSERT INTO ${table} DEFAULT VALUES`
  else sql = `INSERT INTO ${table} (${columns.map((column) => db.quoteIdentifier(column)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`

  if (supportsReturning) {
    const rows = await db.query(`${sql} RETURNING *`, Object.values(values))
    const row = rows[0] as Attributes

    record.setPersistedState(castRow(model, row))

    return
  }

  const result = await db.execute(sql, Object.values(values))
  const attributes = record.attributes()

  if (attributes[model.primaryKey] === null || attributes[model.primaryKey] === undefined) attributes[model.primaryKey] = model.castAttributeFromDatabase(primaryKey, result.insertId)

  record.setPersistedState(attributes)
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

  record.setPersistedState(record.attributes())
}

export async function destroyRecord(record: Record): Promise<void> {
  const model = record.getModel()
  const db = model.connection()

  await runCallbacks(record, "beforeDestroy")
  await destroyDependents(record)
  await db.execute(`DELETE FROM ${quotedTable(model, db)} WHERE ${db.quoteIdentifier(model.primaryKey)} = ?`, [record.id()])
  await runCallbacks(record, "afterDestroy")
  await db.afterCommit(() => runCallbacks(record, "afterCommit"))
}

export async function reloadRecord(record: Record): Promise<void> {
  const model = record.getModel()
  const db = model.connection()
  const rows = await db.query(`SELECT * FROM ${quotedTable(model, db)} WHERE ${db.quoteIdentifier(model.primaryKey)} = ?`, [record.id()])

  if (rows.length === 0) throw new RecordNotFoundError(`Couldn't find ${model.name} with '${model.primaryKey}'=${String(record.id())}`)

  record.setPersistedState(castRow(model, rows[0] as Attributes))
}

function castRow(model: typeof Record, row: Attributes): Attributes {
  const metadata = model.getMetadata()
  const attributes: Attributes = {}

  for (const [column, value] of Object.entries(row)) attributes[column] = model.castAttributeFromDatabase(metadata.columnsByName.get(column), value)

  return attributes
}
