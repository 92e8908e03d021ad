import {UnknownColumnTypeError} from "./errors.js"

export const columnTypes = ["bigint", "blob", "boolean", "datetime", "integer", "json", "string", "text", "tinyint", "uuid"] as const

export type ColumnType = typeof columnTypes[number]

export function checkColumnType(type: string, column: string): asserts type is ColumnType {
  if (!(columnTypes as readonly string[]).includes(type)) {
    throw new UnknownColumnTypeError(`Unknown column type ${JSON.stringify(type)} for column ${JSON.stringify(column)}. Valid types: ${columnTypes.join(", ")}`)
  }
}

/** Each dialect's SQL spelling of the logical types; `limit` only applies where the type takes one. */
export type ColumnTypeMap = Record<ColumnType, (limit: number | undefined) => string>

export const defaultStringLimit = 255
