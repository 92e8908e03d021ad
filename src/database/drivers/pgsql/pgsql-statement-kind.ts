const preparableKeywords = new Set(["select", "insert", "update", "delete", "with"])
// DO runs arbitrary code, DDL included. TRUNCATE and SET are left out on purpose: neither changes
// a table's columns, and test cleaners and per-request settings run them often.
const schemaKeywords = new Set(["create", "alter", "drop", "do"])
const transactionEndKeywords = new Set(["commit", "end", "rollback", "abort"])
const schemaWordInScript = new RegExp(`\\b(?:${[...schemaKeywords].join("|")})\\b`, "i")

/** The first word, after leading whitespace and comments; a loop rather than a regex so no input can make it backtrack. */
function keywordOf(sql: string): string | undefined {
  let position = 0

  while (position < sql.length) {
    const char = sql[position]

    if (char === " " || char === "\n" || char === "\t" || char === "\r") {
      position++
    } else if (sql.startsWith("--", position)) {
      const newline = sql.indexOf("\n", position)

      if (newline === -1) return undefined
      position = newline + 1
    } else if (sql.startsWith("/*", position)) {
      const end = sql.indexOf("*/", position + 2)

      if (end === -1) return undefined
      position = end + 2
    } else {
      break
    }
  }

  let end = position

  while (end < sql.length && isLetter(sql.charCodeAt(end))) end++

  return end > position ? sql.slice(position, end).toLowerCase() : undefined
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

/** Statements worth keeping prepared: the ones an app repeats with different values. */
export function isPreparableStatement(sql: string): boolean {
  const keyword = keywordOf(sql)

  return keyword !== undefined && preparableKeywords.has(keyword)
}

/** DDL: may change the columns a prepared `SELECT *` or `RETURNING *` was planned with. */
export function changesSchema(sql: string): boolean {
  const keyword = keywordOf(sql)

  return keyword !== undefined && schemaKeywords.has(keyword)
}

/** COMMIT or ROLLBACK of the whole transaction (not RELEASE / ROLLBACK TO SAVEPOINT). */
export function endsTransaction(sql: string): boolean {
  const keyword = keywordOf(sql)

  if (keyword === undefined || !transactionEndKeywords.has(keyword)) return false

  return !(keyword === "rollback" && /\bto\b/i.test(sql))
}

/** A script (several statements, simple protocol) that may contain DDL anywhere; a stray match only costs a cache refill. */
export function scriptChangesSchema(script: string): boolean {
  return schemaWordInScript.test(script)
}
