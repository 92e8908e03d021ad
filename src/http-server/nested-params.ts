export type Params = {[key: string]: ParamValue}
export type ParamValue = string | ParamValue[] | Params | unknown

// Keys that would reach Object.prototype through a plain object.
const forbiddenKeys = new Set(["__proto__", "constructor", "prototype"])

/** `account[name]` → `["account", "name"]`; `tags[]` → `["tags", ""]` (an empty part appends). */
function keyParts(key: string): string[] {
  const bracket = key.indexOf("[")

  if (bracket <= 0 || !key.endsWith("]")) return [key]

  const parts = [key.slice(0, bracket)]
  const rest = key.slice(bracket)
  const pattern = /\[([^\]]*)\]/g
  let consumed = 0

  for (const match of rest.matchAll(pattern)) {
    if (match.index !== consumed) return [key]
    parts.push(match[1])
    consumed += match[0].length
  }

  return consumed === rest.length ? parts : [key]
}

/** Sets `value` at `key` (Rails-style brackets) in `target`; a clash between shapes keeps the last value. */
export function setNestedParam(target: Params, key: string, value: ParamValue): void {
  const parts = keyParts(key)

  if (parts.some((part) => forbiddenKeys.has(part))) return

  let container: Params | ParamValue[] = target

  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]
    const last = index === parts.length - 1

    if (Array.isArray(container)) {
      // `a[][b]=1&a[][c]=2` builds one object per new key, like Rack.
      if (last) { container.push(value); return }

      const nextIsKey = parts[index + 1] !== ""
      const tail = container[container.length - 1] as Params | undefined

      if (nextIsKey && tail && typeof tail === "object" && !Array.isArray(tail) && !(parts[index + 1] in tail)) {
        container = tail
      } else {
        const fresh: Params | ParamValue[] = nextIsKey ? {} : []

        container.push(fresh)
        container = fresh
      }

      continue
    }

    if (last) {
      container[part] = value
      return
    }

    const wantsArray = parts[index + 1] === ""
    const existing = container[part]

    if (wantsArray ? Array.isArray(existing) : isPlainParams(existing)) {
      container = existing as Params | ParamValue[]
    } else {
      const fresh: Params | ParamValue[] = wantsArray ? [] : {}

      container[part] = fresh
      container = fresh
    }
  }
}

function isPlainParams(value: unknown): value is Params {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** `a[b]=c&tags[]=1&tags[]=2` → `{a: {b: "c"}, tags: ["1", "2"]}` */
export function parseNestedQuery(query: string): Params {
  const params: Params = {}

  for (const [key, value] of new URLSearchParams(query)) setNestedParam(params, key, value)

  return params
}
