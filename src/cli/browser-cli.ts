import type Configuration from "../configuration.js"
import {closestMatch} from "../utils/closest-match.js"
import {checkKeys} from "../utils/check-keys.js"
import {browserCommands, type BrowserCommand} from "./browser/browser-commands.js"
import {parseCommandLine} from "./browser/parse-command-line.js"

export interface BrowserCliResult {
  exitCode: number
  /** What the command printed (also written to the console unless `output` was given). */
  output: string
}

export interface BrowserCliOptions {
  configuration: Configuration
  /** Where printed lines go besides the result; default the browser console. */
  output?: {write(text: string): unknown}
}

declare global {
  // eslint-disable-next-line no-var
  var velociousCLI: BrowserCli | undefined
}

const consoleOutput = {
  write: (text: string) => { for (const line of text.replace(/\n$/, "").split("\n")) console.log(line) }
}

/**
 * The CLI's browser-safe commands (db:migrate, db:rollback, db:migrate:status) for a page:
 * `await new BrowserCli({configuration}).run("db:migrate")`, or from devtools once enabled,
 * `await velociousCLI.run("db:migrate")`.
 */
export default class BrowserCli {
  readonly configuration: Configuration
  private readonly output: {write(text: string): unknown}

  constructor(options: BrowserCliOptions) {
    checkKeys(options, ["configuration", "output"], "new BrowserCli()")

    if (!options.configuration) throw new TypeError("new BrowserCli() needs {configuration}: the app's Configuration")

    this.configuration = options.configuration
    this.output = options.output ?? consoleOutput
  }

  /** Makes this CLI `globalThis.velociousCLI`, for the devtools console. */
  enable(): this {
    globalThis.velociousCLI = this

    return this
  }

  /** Removes `globalThis.velociousCLI` when it is this CLI. */
  disable(): void {
    if (globalThis.velociousCLI === this) delete globalThis.velociousCLI
  }

  commands(): readonly BrowserCommand[] {
    return browserCommands
  }

  /** Runs one command line; resolves with its exit code and output (a failing command rejects with its error). */
  async run(commandLine: string | string[]): Promise<BrowserCliResult> {
    let printed = ""
    const stdout = {write: (text: string) => { printed += text; this.output.write(text) }}
    const finish = (exitCode: number) => ({exitCode, output: printed})
    const name = parseCommandLine(commandLine).name

    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      stdout.write(this.help())

      return finish(0)
    }

    const command = browserCommands.find((each) => each.name === name)

    if (!command) {
      const suggestion = closestMatch(name, browserCommands.map((each) => each.name))

      stdout.write(`Unknown command '${name}'.${suggestion ? ` Did you mean ${suggestion}?` : ""} In the browser: ${browserCommands.map((each) => each.name).join(", ")}\n`)

      return finish(2)
    }

    const {options, positionals} = parseCommandLine(commandLine, command.options)

    if (options.help) {
      stdout.write(`${command.name}: ${command.description}\n`)

      return finish(0)
    }

    const unknown = Object.keys(options).find((option) => !command.options.includes(option))

    if (unknown || positionals.length > 0) {
      stdout.write(`${unknown ? `Unknown option '--${unknown}'` : `Unexpected argument '${positionals[0]}'`} for '${command.name}'. Valid options: ${command.options.map((option) => `--${option}`).join(", ") || "none"}\n`)

      return finish(2)
    }

    await this.configuration.initialize()

    return finish(await command.run({configuration: this.configuration, options, stdout, stderr: stdout}))
  }

  help(): string {
    const width = Math.max(...browserCommands.map((command) => command.name.length))

    return `Velocious commands in the browser:\n${browserCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.description}`).join("\n")}\n`
  }
}
