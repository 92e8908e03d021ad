import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import {camelize, underscore} from "../../utils/inflection.js"

/**
 * What a model class learned at initialization. Kept per class (not inherited) so two models
 * never share columns by accident.
 */
export default class ModelMetadata {
  readonly columns: ColumnInfo[]
  readonly columnsByName = new Map<string, ColumnInfo>()
  /** camelCase and snake_case attribute names → column name */
  readonly attributeToColumn = new Map<string, string>()

  constructor(columns: ColumnInfo[]) {
    this.columns = columns

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
