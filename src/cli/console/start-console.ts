import repl from "node:repl"
import type Configuration from "../../configuration.js"
import type Record from "../../database/record/index.js"
import {SequentialInput} from "./sequential-input.js"

export interface StartConsoleArgs {
  configuration: Configuration
  models: (typeof Record)[]
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
  /** Line editing and colours; off for piped input. */
  terminal: boolean
}

export function consoleBanner(configuration: Configuration, models: (typeof Record)[]): string {
  const names = models.map((model) => model.name).sort()

  return `Velocious console (${configuration.getEnvironment()}); models: ${names.length > 0 ? names.join(", ") : "none"}; .exit or Ctrl-D to quit\n`
}

/**
 * A node:repl with every model in scope by its class name, plus `configuration`. Top-level
 * `await` is node's own REPL support; piped input runs line by line. Resolves once the REPL closes (`.exit`, Ctrl-D, end of input).
 */
export function startConsole({configuration, models, input, output, terminal}: StartConsoleArgs): Promise<void> {
  const sequential = terminal ? undefined : new SequentialInput(input)
  const server = repl.start({prompt: "velocious> ", input: sequential?.stream || input, output, terminal, useColors: terminal, useGlobal: false, breakEvalOnSigint: true})

  sequential?.attach(server)

  for (const model of models) server.context[model.name] = model

  server.context.configuration = configuration

  return new Promise((resolve) => server.on("exit", () => resolve()))
}
