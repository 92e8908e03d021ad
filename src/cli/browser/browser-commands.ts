import type Configuration from "../../configuration.js"
import {migrate, migrationStatus, parseStep, rollback} from "../support/migration-commands.js"

type Output = {write(text: string): unknown}

export interface BrowserCommandContext {
  configuration: Configuration
  options: Record<string, string | true>
  stdout: Output
  stderr: Output
}

export interface BrowserCommand {
  name: string
  description: string
  options: string[]
  run(context: BrowserCommandContext): Promise<number>
}

const source = (configuration: Configuration) => configuration.getEnvironmentHandler().getMigrationSource({configuration})

/**
 * The commands that make sense in a page: the migration ones, run against the app's bundled
 * migrations. Generators, servers and the test runner need a file system and a process, so
 * they are not here (and not in the bundle).
 */
export const browserCommands: BrowserCommand[] = [
  {
    name: "db:migrate",
    description: "Run the bundled migrations that have not run yet",
    options: [],
    run: async ({configuration, stdout}) => {
      await configuration.ensureConnections(() => migrate({configuration, source: source(configuration), stdout}))

      return 0
    }
  },
  {
    name: "db:rollback",
    description: "Revert the last migration (or the last N with --step N)",
    options: ["step"],
    run: async ({configuration, options, stdout, stderr}) => {
      const step = parseStep(options.step)

      if (typeof step === "string") {
        stderr.write(`${step}\n`)

        return 2
      }

      await configuration.ensureConnections(() => rollback({configuration, source: source(configuration), stdout, step}))

      return 0
    }
  },
  {
    name: "db:migrate:status",
    description: "List the bundled migrations and whether each has run, per database",
    options: [],
    run: async ({configuration, stdout}) => {
      await configuration.ensureConnections(() => migrationStatus({configuration, source: source(configuration), stdout}))

      return 0
    }
  }
]
