import type {CommandContext} from "../command.js"
import {dropDatabase} from "../../database/database-tasks.js"
import {runDatabaseTask} from "./db-create.js"

export default async function dbDrop({cwd, stdout}: CommandContext): Promise<number> {
  return await runDatabaseTask(cwd, stdout, dropDatabase)
}
