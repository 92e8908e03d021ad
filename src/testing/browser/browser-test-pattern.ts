import path from "node:path"

export const browserTestPatternVariable = "VELOCIOUS_BROWSER_TEST_PATTERN"
export const defaultBrowserTestPattern = "*.browser-{test,spec}.{js,mjs,cjs,ts,mts,cts}"

export class InvalidBrowserTestPatternError extends Error {
  override name = "InvalidBrowserTestPatternError"
}

/**
 * A glob as a regular expression: `*` is any run of characters but `/`, `**` any path, `?`
 * one character, `{a,b}` either. Without a `/` the pattern is matched against the file name,
 * with one against the path from the app root.
 */
function globToRegExp(glob: string): RegExp {
  let source = ""
  let braces = 0

  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]

    if (char === "*" && glob[index + 1] === "*") {
      source += ".*"
      index++
      if (glob[index + 1] === "/") index++
    } else if (char === "*") {
      source += "[^/]*"
    } else if (char === "?") {
      source += "[^/]"
    } else if (char === "{") {
      braces++
      source += "(?:"
    } else if (char === "}" && braces > 0) {
      braces--
      source += ")"
    } else if (char === "," && braces > 0) {
      source += "|"
    } else {
      source += char.replace(/[.+^$()|[\]\\]/g, "\\$&")
    }
  }

  if (braces > 0) throw new InvalidBrowserTestPatternError(`${browserTestPatternVariable} has an unclosed "{" in ${JSON.stringify(glob)}`)

  return new RegExp(`^${source}$`)
}

/** Whether a file is a browser system test: by the default pattern, or VELOCIOUS_BROWSER_TEST_PATTERN when set. */
export function browserTestMatcher({cwd, pattern = process.env[browserTestPatternVariable] || defaultBrowserTestPattern}: {cwd: string, pattern?: string}): (file: string) => boolean {
  const regExp = globToRegExp(pattern)
  const byPath = pattern.includes("/")

  return (file) => regExp.test(byPath ? path.relative(cwd, file).split(path.sep).join("/") : path.basename(file))
}
