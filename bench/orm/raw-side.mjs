// The raw drivers under Velocious, used directly: prepared statements with bound values, rows
// as plain objects, one statement per round trip. A create sends what Task.create sends,
// INSERT ... RETURNING * (all three servers here support it), so both read back the stored row.
import pg from "pg"
import mysql from "mysql2/promise"
import {mysqlOptions, openSqlite, pgOptions} from "../support/servers.mjs"
import {timestamp} from "./schema.mjs"

const findSql = "SELECT * FROM tasks WHERE id = ?"
const whereStateSql = "SELECT * FROM tasks WHERE state = ?"
const createSql = "INSERT INTO tasks (project_id, name, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *"
const firstTasksSql = "SELECT * FROM tasks LIMIT ?"
const insertColumns = "INSERT INTO tasks (project_id, name, state, created_at, updated_at) VALUES "

/** `?` → `$1..$n` for pg. */
function numbered(sql) {
  let position = 0

  return sql.replace(/\?/g, () => `$${++position}`)
}

function placeholders(count) {
  return new Array(count).fill("?").join(", ")
}

/** One multi-row INSERT per chunk; `rowsPerStatement` matches what Velocious uses for the dialect. */
function insertChunks(arrays, rowsPerStatement, run) {
  const now = timestamp()
  const statements = []

  for (let start = 0; start < arrays.length; start += rowsPerStatement) {
    const chunk = arrays.slice(start, start + rowsPerStatement)
    const params = []

    for (const row of chunk) params.push(row[0], row[1], row[2], now, now)

    statements.push({sql: insertColumns + new Array(chunk.length).fill("(?, ?, ?, ?, ?)").join(", "), params})
  }

  return statements.reduce((previous, statement) => previous.then(() => run(statement)), Promise.resolve())
}

function attachProjects(tasks, projects) {
  const byId = new Map(projects.map((project) => [project.id, project]))

  for (const task of tasks) task.project = byId.get(task.project_id) ?? null

  return tasks
}

function uniqueProjectIds(tasks) {
  return [...new Set(tasks.map((task) => task.project_id).filter((id) => id !== null))]
}

const check = {id: (task) => Number(task.id), state: (task) => task.state, projectName: (task) => task.project.name}

function sqliteSide(config) {
  const db = openSqlite(config)
  const find = db.prepare(findSql)
  const whereState = db.prepare(whereStateSql)
  const create = db.prepare(createSql)
  // The limit as digits, one statement per limit: SQLite plans with a bound LIMIT's value and
  // compiles `LIMIT ?` again on every run, so a bound limit would slow the baseline down.
  const firstTasksStatements = new Map()
  const firstTasks = {
    all(limit) {
      if (!firstTasksStatements.has(limit)) firstTasksStatements.set(limit, db.prepare(`SELECT * FROM tasks LIMIT ${Number(limit)}`))

      return firstTasksStatements.get(limit).all()
    }
  }
  const begin = db.prepare("BEGIN IMMEDIATE")
  const commit = db.prepare("COMMIT")

  // One prepared statement per IN-list length, as Velocious' statement cache keeps them.
  const projectsInStatements = new Map()
  const projectsIn = (count) => {
    if (!projectsInStatements.has(count)) projectsInStatements.set(count, db.prepare(`SELECT * FROM projects WHERE id IN (${placeholders(count)})`))

    return projectsInStatements.get(count)
  }

  return {
    async find(id) { return find.get(id) },
    async whereState(state) { return whereState.all(state) },
    async createTasks(list) {
      begin.run()
      for (const task of list) {
        const now = timestamp()

        create.get(task.projectId, task.name, task.state, now, now)
      }
      commit.run()
    },
    insertMultiple: ({arrays}) => insertChunks(arrays, Math.floor(32766 / 5), async ({sql, params}) => db.prepare(sql).run(params)),
    async preload(limit) {
      const tasks = firstTasks.all(limit)
      const ids = uniqueProjectIds(tasks)
      const projects = ids.length === 0 ? [] : projectsIn(ids.length).all(ids)

      return attachProjects(tasks, projects)
    },
    async tasksJson(limit) { return JSON.stringify(firstTasks.all(limit)) },
    check,
    async close() { db.close() }
  }
}

async function pgsqlSide(config) {
  const client = new pg.Client(pgOptions(config))

  await client.connect()

  // Named queries are parsed once per connection, pg's way of preparing a statement.
  const find = {name: "bench_find_task", text: numbered(findSql)}
  const whereState = {name: "bench_where_state", text: numbered(whereStateSql)}
  const create = {name: "bench_create_task", text: numbered(createSql)}
  const firstTasks = {name: "bench_first_tasks", text: numbered(firstTasksSql)}

  return {
    async find(id) { return (await client.query({...find, values: [id]})).rows[0] },
    async whereState(state) { return (await client.query({...whereState, values: [state]})).rows },
    async createTasks(list) {
      await client.query("BEGIN")
      for (const task of list) {
        const now = timestamp()

        await client.query({...create, values: [task.projectId, task.name, task.state, now, now]})
      }
      await client.query("COMMIT")
    },
    insertMultiple: ({arrays}) => insertChunks(arrays, Math.floor(65535 / 5), ({sql, params}) => client.query({text: numbered(sql), values: params})),
    async preload(limit) {
      const tasks = (await client.query({...firstTasks, values: [limit]})).rows
      const ids = uniqueProjectIds(tasks)
      const projects = ids.length === 0 ? [] : (await client.query({text: numbered(`SELECT * FROM projects WHERE id IN (${placeholders(ids.length)})`), values: ids})).rows

      return attachProjects(tasks, projects)
    },
    async tasksJson(limit) { return JSON.stringify((await client.query({...firstTasks, values: [limit]})).rows) },
    check,
    async close() { await client.end() }
  }
}

async function mysqlSide(config) {
  const connection = await mysql.createConnection(mysqlOptions(config))
  // execute() is mysql2's prepared-statement path, cached per connection.
  const run = async (sql, params) => (await connection.execute(sql, params))[0]

  return {
    async find(id) { return (await run(findSql, [id]))[0] },
    whereState: (state) => run(whereStateSql, [state]),
    async createTasks(list) {
      await connection.query("BEGIN")
      for (const task of list) {
        const now = timestamp()

        await run(createSql, [task.projectId, task.name, task.state, now, now])
      }
      await connection.query("COMMIT")
    },
    insertMultiple: ({arrays}) => insertChunks(arrays, Math.floor(65535 / 5), ({sql, params}) => run(sql, params)),
    async preload(limit) {
      const tasks = await run(firstTasksSql, [limit])
      const ids = uniqueProjectIds(tasks)
      const projects = ids.length === 0 ? [] : await run(`SELECT * FROM projects WHERE id IN (${placeholders(ids.length)})`, ids)

      return attachProjects(tasks, projects)
    },
    async tasksJson(limit) { return JSON.stringify(await run(firstTasksSql, [limit])) },
    check,
    async close() { await connection.end() }
  }
}

export const rawSide = {sqlite: sqliteSide, pgsql: pgsqlSide, mysql: mysqlSide}
