/** Enough English for `references("category")` → `categories`; pass `foreignKey: {toTable}` for anything irregular. */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`

  return `${word}s`
}
