/**
 * Enough of a JavaScript/TypeScript lexer to edit a routes file safely: which characters are
 * code (not inside a string, template text or comment), how deep in `{}` each one is, and
 * which `}` closes each `{`. Regex literals are not recognised; a file where that matters
 * comes out unbalanced and the caller leaves it alone.
 */
export interface ScannedSource {
  isCode(index: number): boolean
  /** Brace depth at a code character (a `{` counts from the character after it). */
  depthAt(index: number): number
  /** Index of the `}` matching the `{` at `openIndex`, if it is a code brace. */
  closingBrace(openIndex: number): number | undefined
  /** False when a string, comment or brace is left open (or a `}` has no `{`). */
  balanced: boolean
}

type State = "code" | "single" | "double" | "template" | "lineComment" | "blockComment"

export function scanSource(source: string): ScannedSource {
  const code = new Uint8Array(source.length)
  const depths = new Int32Array(source.length + 1)
  const closing = new Map<number, number>()
  // Open `{` indexes; `-1 - index` marks a template's `${`, whose `}` returns to template text.
  const braces: number[] = []
  let state: State = "code"
  let balanced = true

  for (let index = 0; index < source.length; index++) {
    const char = source[index]
    const next = source[index + 1]

    depths[index] = braces.length

    if (state === "code") {
      if (char === "/" && next === "/") { state = "lineComment"; index++; continue }
      if (char === "/" && next === "*") { state = "blockComment"; index++; continue }

      code[index] = 1

      if (char === "'") state = "single"
      else if (char === "\"") state = "double"
      else if (char === "`") state = "template"
      else if (char === "{") braces.push(index)
      else if (char === "}") {
        const open = braces.pop()

        if (open === undefined) balanced = false
        else if (open < 0) state = "template"
        else closing.set(open, index)
      }
    } else if (state === "single" || state === "double") {
      if (char === "\\") index++
      else if (char === (state === "single" ? "'" : "\"")) state = "code"
      else if (char === "\n") balanced = false
    } else if (state === "template") {
      if (char === "\\") index++
      else if (char === "`") state = "code"
      else if (char === "$" && next === "{") { braces.push(-1 - index); state = "code"; index++ }
    } else if (state === "lineComment") {
      if (char === "\n") state = "code"
    } else if (char === "*" && next === "/") {
      state = "code"
      index++
    }
  }

  depths[source.length] = braces.length

  if (braces.length > 0 || (state !== "code" && state !== "lineComment")) balanced = false

  return {
    isCode: (index) => code[index] === 1,
    depthAt: (index) => depths[index],
    closingBrace: (openIndex) => closing.get(openIndex),
    balanced
  }
}
