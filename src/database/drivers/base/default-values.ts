/**
 * Turns a default as the database reports it into a JS value when it is a plain literal
 * (`'draft'`, `0`, `NULL`, PostgreSQL's `'x'::character varying`), leaving expressions alone.
 */
export function parseDefaultLiteral(sql: string | null, logicalType: string): {value?: string | number | boolean | null} {
  if (sql === null) return {}

  let text = sql.trim()

  // PostgreSQL decorates literals with casts: 'a'::character varying, NULL::bigint, (-1)::integer
  text = text.replace(/::[a-z ]+(\(\d+(,\d+)?\))?(\[\])?$/i, "")
  if (/^\(.*\)$/.test(text) && !/^\(.*\)\s*\(/.test(text)) text = text.slice(1, -1).trim()

  if (/^null$/i.test(text)) return {value: null}

  const quoted = /^'((?:[^']|'')*)'$/s.exec(text)

  if (quoted) {
    const value = quoted[1].replaceAll("''", "'")

    if (logicalType === "boolean" && /^(t|f|true|false|0|1)$/i.test(value)) return {value: /^(t|true|1)$/i.test(value)}

    return {value}
  }

  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const number = Number(text)

    if (logicalType === "boolean") return {value: number !== 0}

    return {value: number}
  }

  if (/^(true|false)$/i.test(text)) return {value: text.toLowerCase() === "true"}

  return {}
}
