// knex on the same driver packages, one connection, as its docs show the calls.
import knexModule from "knex"
import {mysqlOptions, pgOptions} from "../support/servers.mjs"
import {stamped, timestamp} from "./schema.mjs"

const createKnex = knexModule.knex || knexModule

function knexConfig(config) {
  if (config.type === "sqlite") return {client: "better-sqlite3", connection: {filename: config.name}, useNullAsDefault: true}
  if (config.type === "pgsql") return {client: "pg", connection: pgOptions(config), pool: {min: 1, max: 1}}

  return {client: "mysql2", connection: mysqlOptions(config), pool: {min: 1, max: 1}}
}

export async function knexSide(config, rowsPerStatement) {
  const knex = createKnex(knexConfig(config))
  // pg reports generated ids only through RETURNING; the others return the insert id.
  const returning = config.type === "pgsql" ? ["id"] : undefined

  // knex writes a multi-row insert on SQLite as INSERT ... SELECT ... UNION ALL, and SQLite
  // allows 500 terms in a compound SELECT.
  const chunkSize = config.type === "sqlite" ? Math.min(500, rowsPerStatement) : rowsPerStatement

  if (config.type === "sqlite") await knex.raw("PRAGMA foreign_keys = ON")

  return {
    find: (id) => knex("tasks").where({id}).first(),
    whereState: (state) => knex("tasks").where({state}),
    createTasks: (list) => knex.transaction(async (trx) => {
      for (const task of list) {
        const now = timestamp()

        await trx("tasks").insert({project_id: task.projectId, name: task.name, state: task.state, created_at: now, updated_at: now}, returning)
      }
    }),
    async insertMultiple({objects}) {
      for (let start = 0; start < objects.length; start += chunkSize) await knex("tasks").insert(stamped(objects.slice(start, start + chunkSize)))
    },
    async preload(limit) {
      const tasks = await knex("tasks").limit(limit)
      const ids = [...new Set(tasks.map((task) => task.project_id).filter((id) => id !== null))]
      const projects = ids.length === 0 ? [] : await knex("projects").whereIn("id", ids)
      const byId = new Map(projects.map((project) => [project.id, project]))

      for (const task of tasks) task.project = byId.get(task.project_id) ?? null

      return tasks
    },
    tasksJson: async (limit) => JSON.stringify(await knex("tasks").limit(limit)),
    check: {id: (task) => Number(task.id), state: (task) => task.state, projectName: (task) => task.project.name},
    close: () => knex.destroy()
  }
}
