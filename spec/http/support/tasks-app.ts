import fs from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import {lines, type TempApp} from "./temp-app.js"

/**
 * The benchmarks' app: `/tasks` renders 20 task rows, `/slow-tasks?ms=` the same after a pause,
 * `/pid` the serving process. On SQLite (the default) the rows are written here; for another
 * database the caller creates the table (see seedTasks()).
 */
export function writeTasksApp(app: TempApp, database: DriverConfig = {type: "sqlite", name: "soak"}): void {
  app.write("src/config/configuration.js", lines(
    "import Configuration from \"velocious/build/src/configuration.js\"",
    `const database = {default: ${JSON.stringify(database)}}`,
    "export default new Configuration({logging: {console: false}, database: {test: database, production: database}})"
  ))
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.get(\"tasks\")",
    "  route.get(\"slow-tasks\")",
    "  route.get(\"pid\")",
    "})",
    "export default {routes}"
  ))
  app.write("src/models/task.js", lines(
    "import Record from \"velocious/build/src/database/record/index.js\"",
    "export default class Task extends Record {}"
  ))
  app.write("src/routes/_root/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "import Task from \"../../models/task.js\"",
    "export default class RootController extends Controller {",
    "  async tasks() { this.renderJson(await Task.order(\"id\").limit(20).toArray()) }",
    "  async slowTasks() {",
    "    await new Promise((resolve) => setTimeout(resolve, Number(this.params().ms || 300)))",
    "    this.renderJson(await Task.order(\"id\").limit(20).toArray())",
    "  }",
    "  async pid() { this.renderJson({pid: process.pid}) }",
    "}"
  ))

  if (database.type !== "sqlite") return

  fs.mkdirSync(path.join(app.directory, "db"), {recursive: true})

  const sqlite = new Database(path.join(app.directory, `db/${database.name}.sqlite`))

  sqlite.exec(tasksTableSql)

  const insert = sqlite.prepare("INSERT INTO tasks (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)")

  sqlite.transaction(() => { for (let index = 0; index < 100; index++) insert.run(`Task ${index}`, `state_${index % 5}`, "2026-01-01 00:00:00", "2026-01-01 00:00:00") })()
  sqlite.close()
}

const tasksTableSql = "CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255), state VARCHAR(255), created_at DATETIME, updated_at DATETIME)"
