export interface ParsedCommandLine {
  name: string | undefined
  options: Record<string, string | true>
  positionals: string[]
}

/** `db:rollback --step 2` (or `--step=2`, or an argv array) as a name, options and positionals. */
export function parseCommandLine(commandLine: string | string[], valueOptions: readonly string[] = []): ParsedCommandLine {
  const words = Array.isArray(commandLine) ? [...commandLine] : commandLine.trim().split(/\s+/).filter(Boolean)
  const [name, ...rest] = words
  const options: Record<string, string | true> = {}
  const positionals: string[] = []

  for (let index = 0; index < rest.length; index++) {
    const word = rest[index]

    if (word === "-h") {
      options.help = true
    } else if (word.startsWith("--")) {
      const [key, inline] = word.slice(2).split(/=(.*)/s, 2)

      if (inline !== undefined) options[key] = inline
      else if (valueOptions.includes(key) && rest[index + 1] !== undefined && !rest[index + 1].startsWith("--")) options[key] = rest[++index]
      else options[key] = true
    } else {
      positionals.push(word)
    }
  }

  return {name, options, positionals}
}
