export type PluralIndex = (count: number) => number

// A Plural-Forms expression is C syntax over n; only that alphabet is let through to the compiled function.
const safeExpression = /^[n0-9\s()?:<>=!&|%+\-*/]+$/

/** Compiles a .po header's `plural=(n != 1);` into a count → msgstr index function. */
export function compilePluralForms(header: string | undefined): PluralIndex {
  const match = header?.match(/plural\s*=\s*([^;]+)/)

  if (!match) return (count) => count === 1 ? 0 : 1

  const expression = match[1].trim()

  if (!safeExpression.test(expression)) throw new Error(`Unsupported Plural-Forms expression '${expression}': use n, numbers and C operators only`)

  const compiled = new Function("n", `return Number(${expression})`) as (n: number) => number

  return (count) => compiled(count)
}
