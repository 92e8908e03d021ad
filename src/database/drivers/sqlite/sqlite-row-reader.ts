import type Database from "better-sqlite3"
import type {Row} from "../base/base-driver.js"
import {callWithValues} from "./call-with-values.js"

/**
 * Reads a statement's rows as arrays and makes the row objects here. better-sqlite3 builds
 * each row object property by property through the V8 API, which made up about a third of
 * reading 20 rows; arrays come out of it much faster, and objects built in JavaScript from
 * the same list of names share one hidden class, which also helps whatever reads them next.
 *
 * The names are the statement's result columns, read once. SQLite re-prepares a statement by
 * itself when the schema changed, so a row whose length differs from the names (a column
 * added or dropped since) has them read again; columns() is current once the statement ran.
 */
export class SqliteRowReader {
  private readonly statement: Database.Statement
  private names: string[]
  private plainNames: boolean

  constructor(statement: Database.Statement) {
    this.statement = statement.raw(true)
    this.names = []
    this.plainNames = true
    this.readNames()
  }

  all(params: readonly unknown[]): Row[] {
    const arrays = callWithValues(this.statement.all, this.statement, params) as unknown[][]
    const rows: Row[] = new Array(arrays.length)

    if (arrays.length > 0 && arrays[0].length !== this.names.length) this.readNames()

    for (let index = 0; index < arrays.length; index++) rows[index] = this.toRow(arrays[index])

    return rows
  }

  get(params: readonly unknown[]): Row | undefined {
    const array = callWithValues(this.statement.get, this.statement, params) as unknown[] | undefined

    if (array === undefined) return undefined
    if (array.length !== this.names.length) this.readNames()

    return this.toRow(array)
  }

  private toRow(values: unknown[]): Row {
    const names = this.names
    const row: Row = {}

    if (this.plainNames) {
      for (let index = 0; index < names.length; index++) row[names[index]] = values[index]
    } else {
      // A result column named __proto__ must be an own property, as it is in a parsed JSON object.
      for (let index = 0; index < names.length; index++) {
        Object.defineProperty(row, names[index], {value: values[index], enumerable: true, writable: true, configurable: true})
      }
    }

    return row
  }

  private readNames(): void {
    this.names = this.statement.columns().map((column) => column.name)
    this.plainNames = !this.names.includes("__proto__")
  }
}
