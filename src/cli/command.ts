import type {ParseArgsConfig} from "node:util"

export interface CommandOption {
  type: "string" | "boolean"
  short?: string
  multiple?: boolean
  description: string
  /** Shown in help, e.g. `<tags>`. */
  valueName?: string
}

export interface CommandContext {
  cwd: string
  positionals: string[]
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  stdout: {write(text: string): unknown}
  stderr: {write(text: string): unknown}
}

export interface CommandDefinition {
  name: string
  description: string
  usage?: string
  options?: Record<string, CommandOption>
  /** Whether positional arguments are accepted (and what they are, for help). */
  positionals?: string
  /** Loaded only when the command runs, so `--help` and startup stay fast. */
  load: () => Promise<{default: (context: CommandContext) => Promise<number>}>
}

export function parseArgsOptions(definition: CommandDefinition): NonNullable<ParseArgsConfig["options"]> {
  const options: NonNullable<ParseArgsConfig["options"]> = {help: {type: "boolean", short: "h"}}

  for (const [name, option] of Object.entries(definition.options || {})) {
    options[name] = {type: option.type, multiple: Boolean(option.multiple), ...(option.short ? {short: option.short} : {})}
  }

  return options
}
