import {DatabaseError, ParameterCountError, UndefinedParameterError} from "./errors.js"
import {formatDateForDatabase} from "./format-date.js"
import {LruCache} from "./lru-cache.js"
import {replacePlaceholders, splitStatements, type SqlLexicalRules} from "./sql-scanner.js"

const maxQuotedNames = 2000

export interface CompiledQuery {
  sql: string
  params: unknown[]
}

export class InvalidIdentifierError extends DatabaseError {
  override name = "InvalidIdentifierError"
}

/**
 * The shared part of turning `?`-SQL plus values into what a driver sends. Dialects override
 * only what differs: identifier quoting, placeholder spelling, lexical rules, value mapping.
 */
export abstract class QueryCompiler {
  abstract readonly lexicalRules: SqlLexicalRules
  private placeholderCache = new LruCache<string, {sql: string, count: number}>(500)
  private quotedNames = new Map<string, string>()

  /** Checked and quoted once per name: queries quote the same table and column names on every call. */
  quoteIdentifier(name: string): string {
    const cached = this.quotedNames.get(name)

    if (cached !== undefined) return cached

    this.checkIdentifier(name)

    const quoted = this.quoteName(name)

    // Names come from the schema and the code, a small set; the cap only bounds names made up per call.
    if (this.quotedNames.size >= maxQuotedNames) this.quotedNames.clear()
    this.quotedNames.set(name, quoted)

    return quoted
  }

  /** The dialect's quoting of a name checkIdentifier() accepted. */
  protected quoteName(name: string): string {
    return `"${name.replaceAll("\"", "\"\"")}"`
  }

  protected checkIdentifier(name: string): void {
    if (typeof name !== "string" || name.length === 0 || name.includes("\0")) {
      throw new InvalidIdentifierError(`Invalid SQL identifier ${JSON.stringify(name)}: give a non-empty name without NUL characters`)
    }
  }

  /** How placeholder number `position` (0-based) is spelled in this dialect. */
  protected placeholder(_position: number): string {
    return "?"
  }

  compile(sql: string, params: readonly unknown[] = []): CompiledQuery {
    let rewritten = this.placeholderCache.get(sql)

    if (!rewritten) {
      rewritten = replacePlaceholders(sql, this.lexicalRules, (position) => this.placeholder(position))
      this.placeholderCache.set(sql, rewritten)
    }

    if (rewritten.count !== params.length) {
      throw new ParameterCountError(`The SQL has ${rewritten.count} ? placeholder(s) but ${params.length} value(s) were given; pass exactly one value per ?\nSQL: ${sql}`)
    }

    // A plain loop: this runs once per statement, and map's callback closure showed up in profiles.
    const converted = new Array<unknown>(params.length)

    for (let position = 0; position < params.length; position++) converted[position] = this.convertValue(params[position], position, sql)

    return {sql: rewritten.sql, params: converted}
  }

  splitStatements(sql: string): string[] {
    return splitStatements(sql, this.lexicalRules)
  }

  /**
   * Values every dialect treats alike: Dates → UTC text (see format-date.ts), plain objects and
   * arrays → JSON text (for json columns), undefined refused since it is almost always a bug.
   */
  convertValue(value: unknown, position: number, sql: string): unknown {
    if (value === undefined) {
      throw new UndefinedParameterError(`Value ${position + 1} for the SQL is undefined; pass null to store NULL\nSQL: ${sql}`)
    }

    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value
    if (typeof value === "boolean") return this.convertBoolean(value)
    if (value instanceof Date) return formatDateForDatabase(value)
    if (value instanceof Uint8Array) return value
    if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value)

    return value
  }

  protected convertBoolean(value: boolean): unknown {
    return value ? 1 : 0
  }

  /**
   * A literal for DDL only (column defaults), where no dialect accepts bound parameters.
   * Query values never come through here.
   */
  quoteLiteral(value: unknown): string {
    if (value === null) return "NULL"
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new DatabaseError(`Cannot use ${value} as a column default; give a finite number`)

      return String(value)
    }
    if (typeof value === "bigint") return value.toString()
    if (typeof value === "boolean") return this.booleanLiteral(value)
    if (value instanceof Date) return this.quoteString(formatDateForDatabase(value))
    if (typeof value === "string") return this.quoteString(value)
    if (Array.isArray(value) || (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)) return this.quoteString(JSON.stringify(value))

    throw new DatabaseError(`Cannot use ${typeof value} as a column default; give a string, number, boolean, Date, null, or a function returning SQL`)
  }

  protected booleanLiteral(value: boolean): string {
    return value ? "1" : "0"
  }

  protected quoteString(value: string): string {
    if (value.includes("\0")) throw new DatabaseError("Cannot use a string containing NUL characters as a column default")

    return `'${value.replaceAll("'", "''")}'`
  }
}
