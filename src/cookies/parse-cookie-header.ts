/** `a=1; b=two` → pairs in order; values are URL-decoded where they decode, else kept as sent. */
export function parseCookieHeader(header: string | undefined): {name: string, value: string}[] {
  if (!header) return []

  const pairs: {name: string, value: string}[] = []

  for (const part of header.split(";")) {
    const separator = part.indexOf("=")

    if (separator <= 0) continue

    const name = part.slice(0, separator).trim()
    let value = part.slice(separator + 1).trim()

    if (value.startsWith("\"") && value.endsWith("\"") && value.length >= 2) value = value.slice(1, -1)
    if (name) pairs.push({name, value: safeDecode(value)})
  }

  return pairs
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
