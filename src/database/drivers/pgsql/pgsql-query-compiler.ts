import {QueryCompiler} from "../base/query-compiler.js"
import type {SqlLexicalRules} from "../base/sql-scanner.js"

/**
 * Users write `?`; PostgreSQL wants `$1..$n`. The scanner skips strings, quoted identifiers,
 * dollar-quoted bodies and comments, so a `?` there stays text. Booleans go as real booleans.
 */
export class PgsqlQueryCompiler extends QueryCompiler {
  readonly lexicalRules: SqlLexicalRules = {quotes: ["'", "\""], backslashEscapes: false, dollarQuotes: true, hashComments: false, bracketIdentifiers: false}

  protected override placeholder(position: number): string {
    return `$${position + 1}`
  }

  protected override convertBoolean(value: boolean): unknown {
    return value
  }

  override convertValue(value: unknown, position: number, sql: string): unknown {
    // pg sends Buffers as bytea but other typed arrays as text.
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)

    return super.convertValue(value, position, sql)
  }

  protected override booleanLiteral(value: boolean): string {
    return value ? "true" : "false"
  }
}
