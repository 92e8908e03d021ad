// Deep enough to read a typical record or request payload, shallow enough that one log
// line never dumps a whole object graph.
const maxDepth = 3

/** A small, dependency-free stand-in for util.inspect, so the logger works in browser bundles too. */
export function inspectValue(value: unknown): string {
  if (typeof value === "string") return value
  if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`

  return inspectNested(value, 0, [])
}

function inspectNested(value: unknown, depth: number, ancestors: object[]): string {
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value === "bigint") return `${value}n`
  if (typeof value === "function") return `[Function ${value.name || "(anonymous)"}]`
  if (value === null || typeof value !== "object") return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()
  if (value instanceof Error) return `[${value.name}: ${value.message}]`
  if (value instanceof RegExp) return String(value)
  if (ancestors.includes(value)) return "[Circular]"

  const constructorName = Object.getPrototypeOf(value)?.constructor?.name

  if (depth >= maxDepth) return Array.isArray(value) ? "[Array]" : `[${constructorName || "Object"}]`

  const nested = [...ancestors, value]
  const inspect = (item: unknown) => inspectNested(item, depth + 1, nested)

  if (Array.isArray(value)) return `[${value.map(inspect).join(", ")}]`
  if (value instanceof Map) return `Map(${value.size}) {${[...value].map(([key, item]) => `${inspect(key)} => ${inspect(item)}`).join(", ")}}`
  if (value instanceof Set) return `Set(${value.size}) {${[...value].map(inspect).join(", ")}}`

  const entries = Object.entries(value).map(([key, item]) => `${formatKey(key)}: ${inspect(item)}`)
  const body = entries.length === 0 ? "{}" : `{${entries.join(", ")}}`

  return constructorName && constructorName !== "Object" ? `${constructorName} ${body}` : body
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)
}
