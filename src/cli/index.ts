import {parseArgs} from "node:util"
import {parseArgsOptions, type CommandDefinition} from "./command.js"
import {commands as defaultCommands} from "./commands/index.js"
import {commandHelp, generalHelp, validOptionList} from "./help.js"
import {packageVersion} from "./version.js"
import {closestMatch} from "../utils/closest-match.js"

export interface CliIo {
  cwd: string
  stdout: {write(text: string): unknown}
  stderr: {write(text: string): unknown}
}

// Usage mistakes exit 2 (like most Unix tools); 1 is reserved for a command that ran and failed.
const usageError = 2

/** Runs one CLI invocation and returns its exit code; it never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo, commands: CommandDefinition[] = defaultCommands): Promise<number> {
  const [first, ...rest] = argv

  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? commands.find((command) => command.name === rest[0]) : undefined

    io.stdout.write(topic ? commandHelp(topic) : generalHelp(commands, packageVersion()))

    return 0
  }

  if (first === "--version" || first === "-v" || first === "version") {
    io.stdout.write(`${packageVersion()}\n`)

    return 0
  }

  const command = commands.find((each) => each.name === first)

  if (!command) {
    const suggestion = closestMatch(first, commands.map((each) => each.name))
    const hint = suggestion ? ` Did you mean ${suggestion}?` : ""

    io.stderr.write(`Unknown command '${first}'.${hint} Run \`velocious --help\` for the list of commands.\n`)

    return usageError
  }

  let parsed: ReturnType<typeof parseArgs>

  try {
    parsed = parseArgs({args: rest, options: parseArgsOptions(command), allowPositionals: Boolean(command.positionals), strict: true})
  } catch (error) {
    io.stderr.write(`${describeParseError(error as Error & {code?: string}, command)}\n`)

    return usageError
  }

  if (parsed.values.help) {
    io.stdout.write(commandHelp(command))

    return 0
  }

  const {default: run} = await command.load()

  return await run({cwd: io.cwd, positionals: parsed.positionals, values: parsed.values, stdout: io.stdout, stderr: io.stderr})
}

function describeParseError(error: Error & {code?: string}, command: CommandDefinition): string {
  const valid = `Valid options for '${command.name}': ${validOptionList(command)}`

  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /'([^']+)'/.exec(error.message)?.[1] || "?"
    const suggestion = closestMatch(flag.replace(/^-+/, ""), Object.keys(command.options || {}))
    const hint = suggestion ? ` Did you mean --${suggestion}?` : ""

    return `Unknown option '${flag}' for 'velocious ${command.name}'.${hint}\n${valid}`
  }

  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `'velocious ${command.name}' takes no arguments: ${error.message.replace(/^.*?'/, "'")}`
  }

  return `${error.message}\n${valid}`
}
