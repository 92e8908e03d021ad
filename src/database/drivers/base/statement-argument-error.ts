import {DatabaseError} from "./errors.js"

export class StatementArgumentError extends DatabaseError {
  override name = "StatementArgumentError"
}

function described(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"

  const type = typeof value

  return type === "undefined" ? "undefined" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`
}

/** What query()/execute() say when called with something other than (sql string, values array). */
export function statementArgumentError(method: "query" | "execute", sql: unknown, params: unknown): StatementArgumentError {
  if (typeof sql !== "string") {
    return new StatementArgumentError(`${method}() takes the SQL as a string (got ${described(sql)}); pass the values as an array: ${method}("SELECT ... WHERE id = ?", [id])`)
  }

  return new StatementArgumentError(`${method}() takes the values as an array (got ${described(params)}); pass [value] for one value\nSQL: ${sql}`)
}
