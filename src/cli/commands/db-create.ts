import type {CommandContext} from "../command.js"
import type Configuration from "../../configuration.js"
import {createDatabase} from "../../database/database-tasks.js"
import {loadAppConfiguration} from "../load-app-configuration.js"

const messages = {
  created: "Created", dropped: "Dropped", exists: "Already exists:", missing: "Does not exist:", "in-memory": "In memory, nothing to do:"
}

/** db:create and db:drop share everything but the task. */
export async function runDatabaseTask(cwd: string, stdout: CommandContext["stdout"], task: typeof createDatabase): Promise<number> {
  const configuration = await loadAppConfiguration(cwd, {required: true}) as Configuration
  const pools = configuration.getDatabasePools()

  for (const identifier of pools.identifiers()) {
    const config = pools.configFor(identifier)
    const result = await task(config, configuration.getDirectory())
    const name = config.type === "sqlite" ? String(config.name ?? config.database) : String(config.database)

    stdout.write(`${messages[result]} ${config.type} database ${name} ('${identifier}')\n`)
  }

  return 0
}

export default async function dbCreate({cwd, stdout}: CommandContext): Promise<number> {
  return await runDatabaseTask(cwd, stdout, createDatabase)
}
