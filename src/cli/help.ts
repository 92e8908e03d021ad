import type {CommandDefinition} from "./command.js"

function optionLabel(name: string, option: {short?: string, valueName?: string, type: string}): string {
  const short = option.short ? `-${option.short}, ` : ""
  const value = option.type === "string" ? ` ${option.valueName || "<value>"}` : ""

  return `${short}--${name}${value}`
}

function columns(rows: [string, string][], indent = "  "): string[] {
  const width = Math.max(...rows.map(([left]) => left.length))

  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`)
}

export function generalHelp(commands: CommandDefinition[], version: string): string {
  return [
    `Velocious ${version}`,
    "",
    "Usage: velocious <command> [options]",
    "",
    "Commands:",
    ...columns(commands.map((command) => [command.name, command.description])),
    "",
    "Options:",
    ...columns([["-h, --help", "Show help (also `velocious <command> --help`)"], ["-v, --version", "Print the version"]]),
    ""
  ].join("\n")
}

export function commandHelp(command: CommandDefinition): string {
  const lines = [`Usage: ${command.usage || `velocious ${command.name} [options]`}`, "", command.description, ""]

  if (command.positionals) lines.push("Arguments:", `  ${command.positionals}`, "")

  const options = Object.entries(command.options || {}).map(([name, option]): [string, string] => [optionLabel(name, option), option.description])

  options.push(["-h, --help", "Show this help"])
  lines.push("Options:", ...columns(options), "")

  return lines.join("\n")
}

export function validOptionList(command: CommandDefinition): string {
  return [...Object.keys(command.options || {}).map((name) => `--${name}`), "--help"].join(", ")
}
