// Kysely on the same driver packages, one connection, as its docs show the calls.
import Database from "better-sqlite3"
import {Kysely, MysqlDialect, PostgresDialect, SqliteDialect} from "kysely"
import {createPool} from "mysql2"
import pg from "pg"
import {mysqlOptions, pgOptions} from "../support/servers.mjs"
import {stamped, timestamp} from "./schema.mjs"

function dialectFor(config) {
  if (config.type === "sqlite") {
    return new SqliteDialect({
      database: async () => {
        const db = new Database(config.name)

        db.pragma("foreign_keys = ON")

        return db
      }
    })
  }

  if (config.type === "pgsql") return new PostgresDialect({pool: new pg.Pool({...pgOptions(config), max: 1})})

  return new MysqlDialect({pool: createPool({...mysqlOptions(config), connectionLimit: 1})})
}

export async function kyselySide(config, rowsPerStatement) {
  const db = new Kysely({dialect: dialectFor(config)})
  // pg reports generated ids only through RETURNING; the others return the insert id.
  const insertTask = (executor, values) => {
    const insert = executor.insertInto("tasks").values(values)

    return (config.type === "pgsql" ? insert.returning("id") : insert).executeTakeFirstOrThrow()
  }

  return {
    find: (id) => db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst(),
    whereState: (state) => db.selectFrom("tasks").selectAll().where("state", "=", state).execute(),
    createTasks: (list) => db.transaction().execute(async (trx) => {
      for (const task of list) {
        const now = timestamp()

        await insertTask(trx, {project_id: task.projectId, name: task.name, state: task.state, created_at: now, updated_at: now})
      }
    }),
    async insertMultiple({objects}) {
      for (let start = 0; start < objects.length; start += rowsPerStatement) await db.insertInto("tasks").values(stamped(objects.slice(start, start + rowsPerStatement))).execute()
    },
    async preload(limit) {
      const tasks = await db.selectFrom("tasks").selectAll().limit(limit).execute()
      const ids = [...new Set(tasks.map((task) => task.project_id).filter((id) => id !== null))]
      const projects = ids.length === 0 ? [] : await db.selectFrom("projects").selectAll().where("id", "in", ids).execute()
      const byId = new Map(projects.map((project) => [project.id, project]))

      for (const task of tasks) task.project = byId.get(task.project_id) ?? null

      return tasks
    },
    tasksJson: async (limit) => JSON.stringify(await db.selectFrom("tasks").selectAll().limit(limit).execute()),
    check: {id: (task) => Number(task.id), state: (task) => task.state, projectName: (task) => task.project.name},
    close: () => db.destroy()
  }
}
