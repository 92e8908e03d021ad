import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import {camelize, underscore} from "../../utils/inflection.js"
import {ColumnListCache} from "./column-list-cache.js"
import {castFromDatabase, castPlanFor, castsValues, type CastPlan} from "./attribute-casting.js"

/** A column default as a new record starts with it. */
export interface ColumnDefault {
  name: string
  column: ColumnInfo
  /** The cast default, shared by every new record when it is not an object (a json default, a Date). */
  value: unknown
  /** Cast again for each record, so records never share a mutable default. */
  perRecord: boolean
}

/** Cached SQL with what it was built for, compared on every use. */
export interface CachedStatement {
  dialect: string
  table: string
  sql: string
}

/**
 * What a model class learned at initialization. Kept per class (not inherited) so two models
 * never share columns by accident.
 */
export default class ModelMetadata {
  readonly columns: ColumnInfo[]
  readonly columnsByName = new Map<string, ColumnInfo>()
  /** camelCase and snake_case attribute names → column name */
  readonly attributeToColumn = new Map<string, string>()
  /** The same names → the column itself, for assigning: one lookup where columnFor() and columnsByName took two. */
  private readonly attributeToColumnInfo = new Map<string, ColumnInfo>()
  /**
   * SQL text made once per statement shape, never per call: the text depends only on the shape,
   * never on values, which are always bound. Reset with the metadata on initializeRecord().
   * `Model.find(id)`'s SQL and what it was built for: one slot, as a model has one table and key.
   */
  findByKeyStatement: CachedStatement & {primaryKey: string} | undefined
  /** INSERTs by their column list. */
  readonly insertStatements = new ColumnListCache<CachedStatement & {returning: boolean}>()

  /** Whether rows of this model can hold deferred datetime text (see attribute-casting.ts). */
  readonly defersCasts: boolean
  /** The datetime columns, whose values JSON rendering turns into ISO text itself (see jsonAttributes()). */
  readonly datetimeColumns: ColumnInfo[]
  /** The columns of a type whose values castFromDatabase() may change, by name. */
  readonly castColumnsByName = new Map<string, ColumnInfo>()
  /** The defaults a new record starts with (not the primary key's), cast once. */
  readonly defaults: ColumnDefault[] = []
  /** The columns that cast, as castRowInPlace() takes them, for rows of the table's columns (a find, INSERT ... RETURNING). */
  readonly castPlan: CastPlan
  /** The timestamp columns saves maintain, when the table has them. */
  readonly createdAtColumn: ColumnInfo | undefined
  readonly updatedAtColumn: ColumnInfo | undefined
  /** Whether the model's database types a result column's values by the column (DatabaseAdapter#typedResultColumns). */
  readonly typedResultColumns: boolean
  /** The json columns' names, whose values can change in place (see json-snapshots.ts). */
  readonly jsonColumnNames: ReadonlySet<string>

  constructor(columns: ColumnInfo[], {typedResultColumns = false}: {typedResultColumns?: boolean} = {}) {
    this.columns = columns
    this.typedResultColumns = typedResultColumns
    this.datetimeColumns = columns.filter((column) => column.type === "datetime")
    this.defersCasts = this.datetimeColumns.length > 0
    this.createdAtColumn = columns.find((column) => column.name === "created_at")
    this.updatedAtColumn = columns.find((column) => column.name === "updated_at")
    this.jsonColumnNames = new Set(columns.filter((column) => column.type === "json").map((column) => column.name))

    for (const column of columns) {
      this.columnsByName.set(column.name, column)
      if (castsValues(column)) this.castColumnsByName.set(column.name, column)
      if (column.default !== undefined && !column.primaryKey) {
        const value = castFromDatabase(column, column.default)

        this.defaults.push({name: column.name, column, value, perRecord: typeof value === "object" && value !== null})
      }

      this.attributeToColumn.set(column.name, column.name)
      this.attributeToColumn.set(camelize(column.name), column.name)
      this.attributeToColumnInfo.set(column.name, column)
      this.attributeToColumnInfo.set(camelize(column.name), column)
    }

    this.castPlan = castPlanFor(this.castColumnsByName.values())
  }

  columnFor(attributeName: string): string | undefined {
    return this.attributeToColumn.get(attributeName) ?? this.attributeToColumn.get(underscore(attributeName))
  }

  /** The column an attribute name (camelCase or snake_case) stands for. */
  columnInfoFor(attributeName: string): ColumnInfo | undefined {
    return this.attributeToColumnInfo.get(attributeName) ?? this.attributeToColumnInfo.get(underscore(attributeName))
  }

  columnNames(): string[] {
    return this.columns.map((column) => column.name)
  }
}
