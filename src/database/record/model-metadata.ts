import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import {camelize, underscore} from "../../utils/inflection.js"
import {ColumnListCache} from "./column-list-cache.js"

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

  constructor(columns: ColumnInfo[]) {
    this.columns = columns
    this.defersCasts = columns.some((column) => column.type === "datetime")

    for (const column of columns) {
      this.columnsByName.set(column.name, column)
      this.attributeToColumn.set(column.name, column.name)
      this.attributeToColumn.set(camelize(column.name), column.name)
    }
  }

  columnFor(attributeName: string): string | undefined {
    return this.attributeToColumn.get(attributeName) ?? this.attributeToColumn.get(underscore(attributeName))
  }

  columnNames(): string[] {
    return this.columns.map((column) => column.name)
  }
}
