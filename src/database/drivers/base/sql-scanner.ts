/** How a dialect spells the parts of SQL text in which `?` and `;` are not syntax. */
export interface SqlLexicalRules {
  /** Quote characters whose content is a string or identifier, closed by the same character (doubled = escaped). */
  quotes: readonly string[]
  /** Backslash escapes the next character inside quotes (MySQL's default mode, PostgreSQL's E'...'). */
  backslashEscapes: boolean
  /** PostgreSQL's $tag$ ... $tag$ strings. */
  dollarQuotes: boolean
  /** MySQL's `#` line comments. */
  hashComments: boolean
  /** SQLite's [identifier] quoting. */
  bracketIdentifiers: boolean
}

/**
 * Calls `visit` with the index of every character that is SQL code, skipping string literals,
 * quoted identifiers and comments, so `?` in `'what?'` is never taken for a placeholder.
 */
export function scanSqlCode(sql: string, rules: SqlLexicalRules, visit: (index: number) => void): void {
  let index = 0
  const length = sql.length

  while (index < length) {
    const char = sql[index]
    const next = sql[index + 1]

    if (char === "-" && next === "-" || char === "#" && rules.hashComments) {
      const end = sql.indexOf("\n", index)

      index = end === -1 ? length : end + 1
    } else if (char === "/" && next === "*") {
      const end = sql.indexOf("*/", index + 2)

      index = end === -1 ? length : end + 2
    } else if (rules.quotes.includes(char)) {
      const eStringBackslashes = rules.dollarQuotes && char === "'" && /[eE]/.test(sql[index - 1] || "") && !/[\w$]/.test(sql[index - 2] || "")

      index = skipQuoted(sql, index, char, rules.backslashEscapes || eStringBackslashes)
    } else if (char === "[" && rules.bracketIdentifiers) {
      const end = sql.indexOf("]", index + 1)

      index = end === -1 ? length : end + 1
    } else if (char === "$" && rules.dollarQuotes && !/[\w$]/.test(sql[index - 1] || "")) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index, index + 64))

      if (tag) {
        const end = sql.indexOf(tag[0], index + tag[0].length)

        index = end === -1 ? length : end + tag[0].length
      } else {
        visit(index)
        index++
      }
    } else {
      visit(index)
      index++
    }
  }
}

function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let index = start + 1

  while (index < sql.length) {
    const char = sql[index]

    if (backslashEscapes && char === "\\") {
      index += 2
    } else if (char === quote) {
      if (sql[index + 1] === quote) {
        index += 2
      } else {
        return index + 1
      }
    } else {
      index++
    }
  }

  return sql.length
}

/** Rewrites each `?` placeholder through `replace(position)` (0-based), returning the new SQL and how many there were. */
export function replacePlaceholders(sql: string, rules: SqlLexicalRules, replace: (position: number) => string): {sql: string, count: number} {
  const positions: number[] = []

  scanSqlCode(sql, rules, (index) => {
    if (sql[index] === "?") positions.push(index)
  })

  if (positions.length === 0) return {sql, count: 0}

  let result = ""
  let last = 0

  positions.forEach((position, number) => {
    result += sql.slice(last, position) + replace(number)
    last = position + 1
  })

  return {sql: result + sql.slice(last), count: positions.length}
}

/** Splits a script on `;` that are code, dropping empty statements, for drivers that run one statement per call. */
export function splitStatements(sql: string, rules: SqlLexicalRules): string[] {
  const boundaries: number[] = []

  scanSqlCode(sql, rules, (index) => {
    if (sql[index] === ";") boundaries.push(index)
  })

  const statements: string[] = []
  let last = 0

  for (const boundary of [...boundaries, sql.length]) {
    const statement = sql.slice(last, boundary).trim()

    if (statement && !isOnlyComments(statement, rules)) statements.push(statement)

    last = boundary + 1
  }

  return statements
}

function isOnlyComments(statement: string, rules: SqlLexicalRules): boolean {
  let code = false

  scanSqlCode(statement, rules, (index) => {
    if (!/\s/.test(statement[index])) code = true
  })

  return !code
}
