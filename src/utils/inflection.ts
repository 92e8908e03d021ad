/** Enough English for table and relationship names; irregular words take an explicit name option. */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`

  return `${word}s`
}

export function singularize(word: string): string {
  for (const candidate of [word.replace(/ies$/, "y"), word.replace(/es$/, ""), word.replace(/s$/, "")]) {
    if (candidate !== word && pluralize(candidate) === word) return candidate
  }

  return word
}

/** `ProjectDetail` / `projectDetail` → `project_detail` */
export function underscore(name: string): string {
  return name.replace(/([a-z\d])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2").replace(/-/g, "_").toLowerCase()
}

/** `project_detail` → `projectDetail` */
export function camelize(name: string): string {
  return name.replace(/[_-]([a-z\d])/g, (_, letter: string) => letter.toUpperCase())
}

/** `projectDetail` → `ProjectDetail` */
export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** `project_detail` → `ProjectDetail` */
export function classify(name: string): string {
  return capitalize(camelize(name))
}

/** `ProjectDetail` → `project-detail` (file names) */
export function dasherize(name: string): string {
  return underscore(name).replace(/_/g, "-")
}
