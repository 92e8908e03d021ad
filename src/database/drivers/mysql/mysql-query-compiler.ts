import {QueryCompiler} from "../base/query-compiler.js"
import type {SqlLexicalRules} from "../base/sql-scanner.js"

/** Backtick identifiers; `?` is native. Booleans go as 1/0 (BOOLEAN is TINYINT(1)), Dates as UTC text. */
export class MysqlQueryCompiler extends QueryCompiler {
  readonly lexicalRules: SqlLexicalRules = {quotes: ["'", "\"", "`"], backslashEscapes: true, dollarQuotes: false, hashComments: true, bracketIdentifiers: false}

  protected override quoteName(name: string): string {
    return `\`${name.replaceAll("`", "``")}\``
  }

  protected override quoteString(value: string): string {
    // In MySQL's default sql_mode a backslash escapes inside string literals, so it is doubled too
    // (a server running NO_BACKSLASH_ESCAPES would store such a default with doubled backslashes).
    return super.quoteString(value.replaceAll("\\", "\\\\"))
  }
}
