/** `name` / `name DESC` / `tasks.created_at desc` → an ORDER BY fragment; a known attribute is quoted for the dialect. */
export function orderFragment(spec: string, resolveColumn: (name: string) => string | undefined): string {
  const match = /^\s*([A-Za-z_][\w]*)\s*(asc|desc)?\s*$/i.exec(spec)

  if (match) {
    const column = resolveColumn(match[1])

    if (column) return `${column} ${(match[2] || "ASC").toUpperCase()}`
  }

  return spec.trim()
}

/** ASC ↔ DESC for each comma-separated part (a part without a direction is ASC). */
export function reverseOrderFragment(fragment: string): string {
  return splitTopLevel(fragment).map((part) => {
    if (/\sdesc$/i.test(part)) return part.replace(/\s+desc$/i, " ASC")
    if (/\sasc$/i.test(part)) return part.replace(/\s+asc$/i, " DESC")

    return `${part} DESC`
  }).join(", ")
}

function splitTopLevel(sql: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ""

  for (const character of sql) {
    if (character === "(") depth++
    if (character === ")") depth--

    if (character === "," && depth === 0) {
      parts.push(current.trim())
      current = ""
    } else {
      current += character
    }
  }

  if (current.trim()) parts.push(current.trim())

  return parts
}
