import type Record from "./index.js"
import type BaseDriver from "../drivers/base/base-driver.js"
import {
  ForeignKeyConstraintError, NotNullConstraintError, UniqueConstraintError, sqlSuffix, type DatabaseQueryError, type QueryErrorClass
} from "../drivers/base/errors.js"

type Attributes = {[column: string]: unknown}
type ConstraintError = UniqueConstraintError | NotNullConstraintError | ForeignKeyConstraintError

/** What a constraint error raised by a model write says about where it happened. */
export interface DatabaseErrorContext {
  modelName: string
  /** The constraint's columns as far as the database told (empty when it did not say). */
  columns: string[]
}

const contextKey = Symbol("velocious.record.databaseErrorContext")

// SQLite's foreign key message names no column; the existence check that finds it stays
// cheap by giving up on huge batches (the error then names only the model).
const maxForeignKeyProbeValues = 500

export function databaseErrorContextOf(error: unknown): DatabaseErrorContext | undefined {
  return typeof error === "object" && error !== null ? (error as {[contextKey]?: DatabaseErrorContext})[contextKey] : undefined
}

/**
 * A unique/not-null/foreign-key error as the same class with `Task name: ` in front of the
 * database's message, so a failing save in a big app says which model and column at a glance.
 * `cause`, `sql`, `params` and `code` stay as the driver gave them. Other errors pass through.
 * `rows` are the written values (column → value); only SQLite's foreign key errors need them.
 */
export async function addDatabaseErrorContext(model: typeof Record, db: BaseDriver, error: unknown, rows: Attributes[] = []): Promise<unknown> {
  if (!isConstraintError(error) || databaseErrorContextOf(error)) return error

  let columns: string[]

  try {
    columns = await constraintColumns(model, db, error, rows)
  } catch {
    // The lookup is a courtesy; the original error matters more than a failed introspection.
    columns = []
  }

  const prefix = columns.length > 0 ? `${model.name} ${columns.join(", ")}` : model.name
  const ErrorClass = error.constructor as QueryErrorClass
  const contextual = new ErrorClass(`${prefix}: ${databaseMessage(error)}`, {sql: error.sql, params: error.params, code: error.code, cause: error.cause})

  Object.defineProperty(contextual, contextKey, {value: {modelName: model.name, columns}})

  return contextual
}

function isConstraintError(error: unknown): error is ConstraintError {
  return error instanceof UniqueConstraintError || error instanceof NotNullConstraintError || error instanceof ForeignKeyConstraintError
}

/** DatabaseQueryError appends the SQL to the database's wording; the prefixed copy appends it again. */
function databaseMessage(error: DatabaseQueryError): string {
  const suffix = sqlSuffix(error.sql)

  return error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message
}

function rawError(error: DatabaseQueryError): {message: string, detail?: string, column?: string, constraint?: string} {
  const cause = error.cause as {message?: unknown, detail?: unknown, column?: unknown, constraint?: unknown} | undefined
  const text = (value: unknown) => typeof value === "string" && value !== "" ? value : undefined

  return {message: text(cause?.message) ?? error.message, detail: text(cause?.detail), column: text(cause?.column), constraint: text(cause?.constraint)}
}

async function constraintColumns(model: typeof Record, db: BaseDriver, error: ConstraintError, rows: Attributes[]): Promise<string[]> {
  const dialect = db.dialect()

  if (dialect === "pgsql") return await pgsqlColumns(model, db, error)
  if (dialect === "mysql") return await mysqlColumns(model, db, error)

  return await sqliteColumns(model, db, error, rows)
}

function splitColumns(list: string): string[] {
  return list.split(",").map((each) => each.trim().replace(/^[`"]|[`"]$/g, "")).filter(Boolean)
}

/** `UNIQUE constraint failed: tasks.name, tasks.project_id` / `NOT NULL constraint failed: tasks.name` / `FOREIGN KEY constraint failed` */
async function sqliteColumns(model: typeof Record, db: BaseDriver, error: ConstraintError, rows: Attributes[]): Promise<string[]> {
  const named = /constraint failed: (.+)$/m.exec(rawError(error).message)

  if (named) return splitColumns(named[1]).map((each) => each.slice(each.lastIndexOf(".") + 1))
  if (error instanceof ForeignKeyConstraintError) return await missingForeignKeyColumns(model, db, rows)

  return []
}

/** The foreign key columns whose written values have no row in the referenced table. */
async function missingForeignKeyColumns(model: typeof Record, db: BaseDriver, rows: Attributes[]): Promise<string[]> {
  const missing: string[] = []

  for (const foreignKey of await db.getIntrospector().foreignKeys(model.getTableName())) {
    const keys = [...new Set(rows.map((row) => row[foreignKey.column]).filter((value) => value !== null && value !== undefined))]

    if (keys.length === 0 || keys.length > maxForeignKeyProbeValues) continue

    const column = db.quoteIdentifier(foreignKey.referencedColumn)
    const found = await db.query(`SELECT DISTINCT ${column} FROM ${db.quoteIdentifier(foreignKey.referencedTable)} WHERE ${column} IN (${keys.map(() => "?").join(", ")})`, keys)

    if (found.length < keys.length) missing.push(foreignKey.column)
  }

  return missing
}

/** pg keeps `column` (not null) and `detail` (`Key (name)=(x) already exists.` / `Key (project_id)=(9) is not present ...`). */
async function pgsqlColumns(model: typeof Record, db: BaseDriver, error: ConstraintError): Promise<string[]> {
  const raw = rawError(error)

  if (raw.column) return [raw.column]

  const key = raw.detail && /^Key \((.+?)\)=/.exec(raw.detail)

  if (key) return splitColumns(key[1])
  if (raw.constraint) return await indexColumns(model, db, raw.constraint)

  return []
}

/**
 * MariaDB/MySQL name the column for NULLs (also one an INSERT left out), the columns of a foreign key, but only the index
 * for duplicates (`for key 'index_tasks_on_name'`, MySQL 8 as `'tasks.index_tasks_on_name'`).
 */
async function mysqlColumns(model: typeof Record, db: BaseDriver, error: ConstraintError): Promise<string[]> {
  const message = rawError(error).message
  const nullColumn = /Column '([^']+)' cannot be null/.exec(message) ?? /Field '([^']+)' doesn't have a default value/.exec(message)

  if (nullColumn) return [nullColumn[1]]

  if (error instanceof ForeignKeyConstraintError) {
    // A parent row still referenced: the parent's key is what the write touched.
    const pattern = /parent row/.test(message) ? /REFERENCES `[^`]+` \(([^)]+)\)/ : /FOREIGN KEY \(([^)]+)\)/
    const columns = pattern.exec(message)

    return columns ? splitColumns(columns[1]) : []
  }

  const key = /for key '([^']+)'/.exec(message)

  if (!key) return []

  const indexName = key[1].startsWith(`${model.getTableName()}.`) ? key[1].slice(model.getTableName().length + 1) : key[1]

  if (indexName === "PRIMARY") return [model.primaryKey]

  return await indexColumns(model, db, indexName)
}

async function indexColumns(model: typeof Record, db: BaseDriver, indexName: string): Promise<string[]> {
  const index = (await db.getIntrospector().indexes(model.getTableName())).find((each) => each.name === indexName)

  return index ? index.columns : []
}
