import {QueryCompiler} from "../base/query-compiler.js"
import type {SqlLexicalRules} from "../base/sql-scanner.js"

/** SQLite binds `?` natively; booleans become 1/0 (it has no boolean type), Dates UTC text. */
export class SqliteQueryCompiler extends QueryCompiler {
  readonly lexicalRules: SqlLexicalRules = {quotes: ["'", "\"", "`"], backslashEscapes: false, dollarQuotes: false, hashComments: false, bracketIdentifiers: true}
}
