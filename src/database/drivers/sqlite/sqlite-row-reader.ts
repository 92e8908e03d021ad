import type Database from "better-sqlite3"
import type {Row} from "../base/base-driver.js"
import {exactIntegersInPlace, isPastSafeInteger} from "../base/exact-integers.js"
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
 *
 * Integers beyond Number.MAX_SAFE_INTEGER come out as their exact text, as pg and mysql2 give
 * them: better-sqlite3 reads every integer as the nearest double unless a statement is in its
 * safeIntegers mode, where every integer is a BigInt (a cost on every value). So a read-only
 * statement is read as doubles, its integer columns are checked for a value past the safe
 * range, and only then is it read again in that mode. A statement that writes (INSERT ...
 * RETURNING) cannot run twice, so it is always read in that mode; its rows are few. Until
 * 2026-12 such values were read as the rounded doubles: 9007199254740993 read 9007199254740992,
 * and saving the record again wrote that.
 */
export class SqliteRowReader {
  private readonly statement: Database.Statement
  /** Whether the statement writes, and so is always read with safe integers (see the class comment). */
  private readonly writes: boolean
  private names: string[]
  private plainNames: boolean
  /** The result columns that may hold integers: declared with INT in their type, or expressions (no declared type). */
  private integerColumns: number[]

  constructor(statement: Database.Statement) {
    this.statement = statement.raw(true)
    this.writes = !statement.readonly
    this.names = []
    this.plainNames = true
    this.integerColumns = []
    if (this.writes) statement.safeIntegers(true)
    this.readNames()
  }

  all(params: readonly unknown[]): Row[] {
    let arrays = callWithValues(this.statement.all, this.statement, params) as unknown[][]

    if (arrays.length > 0 && arrays[0].length !== this.names.length) this.readNames()
    if (this.writes) {
      for (let index = 0; index < arrays.length; index++) exactIntegersInPlace(arrays[index])
    } else if (this.anyUnsafeInteger(arrays)) {
      arrays = this.readExactly(() => callWithValues(this.statement.all, this.statement, params) as unknown[][])
      for (let index = 0; index < arrays.length; index++) exactIntegersInPlace(arrays[index])
    }

    const rows: Row[] = new Array(arrays.length)

    for (let index = 0; index < arrays.length; index++) rows[index] = this.toRow(arrays[index])

    return rows
  }

  get(params: readonly unknown[]): Row | undefined {
    let array = callWithValues(this.statement.get, this.statement, params) as unknown[] | undefined

    if (array === undefined) return undefined
    if (array.length !== this.names.length) this.readNames()
    if (this.writes) {
      exactIntegersInPlace(array)
    } else if (this.hasUnsafeInteger(array)) {
      array = this.readExactly(() => callWithValues(this.statement.get, this.statement, params) as unknown[] | undefined)

      if (array === undefined) return undefined
      exactIntegersInPlace(array)
    }

    return this.toRow(array)
  }

  private anyUnsafeInteger(arrays: unknown[][]): boolean {
    if (this.integerColumns.length === 0) return false

    for (let row = 0; row < arrays.length; row++) {
      if (this.hasUnsafeInteger(arrays[row])) return true
    }

    return false
  }

  private hasUnsafeInteger(values: unknown[]): boolean {
    const columns = this.integerColumns

    for (let index = 0; index < columns.length; index++) {
      if (isPastSafeInteger(values[columns[index]])) return true
    }

    return false
  }

  /** The statement run again with every integer read as a BigInt. */
  private readExactly<Result>(read: () => Result): Result {
    this.statement.safeIntegers(true)
    try {
      return read()
    } finally {
      this.statement.safeIntegers(false)
    }
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
    const columns = this.statement.columns()

    this.names = columns.map((column) => column.name)
    this.plainNames = !this.names.includes("__proto__")
    this.integerColumns = []
    columns.forEach((column, index) => {
      if (column.type === null || /INT/i.test(column.type)) this.integerColumns.push(index)
    })
  }
}
