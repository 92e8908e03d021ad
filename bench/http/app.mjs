// The Velocious app the benchmark serves (hello JSON and 20 task rows) and its SQLite file,
// written to a temp folder with node_modules/velocious linked to this checkout.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import Database from "better-sqlite3"

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

const files = {
  "package.json": JSON.stringify({type: "module", private: true}),
  "src/config/configuration.js": [
    "import Configuration from \"velocious/build/src/configuration.js\"",
    "export default new Configuration({",
    "  database: {production: {default: {type: \"sqlite\", name: process.env.BENCH_SQLITE_FILE}}},",
    // The README's Logging example for the "+log" rows, else none.
  "  logging: process.env.BENCH_LOGGING === \"1\" ? {console: true, file: true} : {console: false, file: false},",
    // Extra options for experiments, e.g. BENCH_OPTIONS='{"requestId": false}' to see what request ids cost.
    "  ...(process.env.BENCH_OPTIONS ? JSON.parse(process.env.BENCH_OPTIONS) : {})",
    "})"
  ].join("\n"),
  "src/config/routes.js": [
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.get(\"hello\")",
    "  route.get(\"tasks\")",
    "})",
    "export default {routes}"
  ].join("\n"),
  "src/models/task.js": [
    "import Record from \"velocious/build/src/database/record/index.js\"",
    "export default class Task extends Record {}"
  ].join("\n"),
  "src/routes/_root/controller.js": [
    "import Controller from \"velocious/build/src/controller.js\"",
    "import Task from \"../../models/task.js\"",
    "export default class RootController extends Controller {",
    "  async hello() { this.renderJson({hello: \"world\"}) }",
    "  async tasks() { this.renderJson(await Task.limit(20).toArray()) }",
    "}"
  ].join("\n")
}

export function createBenchApp() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-bench-http-"))

  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, relative)), {recursive: true})
    fs.writeFileSync(path.join(directory, relative), `${content}\n`)
  }

  fs.mkdirSync(path.join(directory, "node_modules"))
  fs.symlinkSync(packageRoot, path.join(directory, "node_modules/velocious"), "dir")

  const sqliteFile = path.join(directory, "bench.sqlite")
  const database = new Database(sqliteFile)

  database.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255), state VARCHAR(255), created_at DATETIME, updated_at DATETIME)")

  const insert = database.prepare("INSERT INTO tasks (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)")
  const now = new Date().toISOString().replace("T", " ").replace("Z", "")

  database.transaction(() => { for (let index = 0; index < 100; index++) insert.run(`Task ${index}`, `state_${index % 5}`, now, now) })()
  database.close()

  return {directory, sqliteFile, cleanup: () => fs.rmSync(directory, {recursive: true, force: true})}
}
