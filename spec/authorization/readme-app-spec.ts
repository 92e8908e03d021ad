import {execFile} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import Configuration from "velocious/build/src/configuration.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../http/support/http-request.js"
import {spawnUntilListening, type ServerProcess} from "../http/support/server-process.js"
import {packageRoot, TempApp} from "../http/support/temp-app.js"

// The README's "Authorization" and "Frontend models" sections are one app: its marked blocks
// are written out verbatim and everything they describe is run.
const readme = fs.readFileSync(path.join(packageRoot, "README.md"), "utf8")
const blocks = [...readme.matchAll(/<!-- authorization-app: (\S+) -->\n```\w+\n([\s\S]*?)```/g)].map((match) => ({file: match[1], source: match[2]}))

function runNode(script: string, cwd: string, env: Record<string, string>): Promise<{code: number, stdout: string, stderr: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], {cwd, env: {...process.env, ...env}, timeout: 60_000}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, stdout, stderr})
    })
  })
}

describe("README authorization and frontend models app", () => {
  let app: TempApp
  let server: ServerProcess | undefined

  beforeAll(() => {
    app = new TempApp("readme-authorization")
    app.write("db/.keep", "")
    for (const {file, source} of blocks) app.write(file, source)
  })

  afterAll(async () => {
    if (server) {
      server.child.kill("SIGTERM")
      await server.exited
    }
    app?.remove()
  })

  it("documents the app's files", () => {
    expect(blocks.map(({file}) => file).sort()).toEqual([
      "script/frontend-models.js",
      "spec/authorization-spec.js",
      "src/config/configuration.js",
      "src/config/routes.js",
      "src/database/migrations/20261204120000-create-users-and-tasks.js",
      "src/models/task.js",
      "src/models/user.js",
      "src/resources/task-resource.js",
      "src/resources/user-resource.js",
      "src/routes/tasks/controller.js"
    ])
  })

  it("migrates, generates the frontend models and passes its own spec", async () => {
    const migrated = await app.run(["db:migrate"])

    expect(migrated.code).toBe(0)

    const generated = await app.run(["g:frontend-models"])

    expect(generated.stdout).toContain("Created src/frontend-models/user.js")
    expect(generated.stdout).toContain("Created src/frontend-models/task.js")
    expect(generated.code).toBe(0)

    const tested = await app.run(["test"])

    expect(tested.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed")
    expect(tested.code).toBe(0)
  })

  it("runs the frontend script against the server, over fetch and websocket", async () => {
    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}, database: {test: {default: {type: "sqlite", name: path.join(app.directory, "db/test.sqlite")}}}})

    await configuration.ensureGlobalConnections()

    const db = configuration.getDatabasePool().getCurrentConnection()

    await db.execute("DELETE FROM tasks")
    await db.execute("DELETE FROM users")
    await db.execute("INSERT INTO users (id, name, email, api_token) VALUES (1, 'Alice', 'alice@example.com', 'alice-token'), (2, 'Bob', 'bob@example.com', 'bob-token')")
    await db.execute("INSERT INTO tasks (user_id, name, done, public) VALUES (2, 'Bob done and public', 1, 1), (2, 'Bob private', 0, 0)")
    await configuration.closeDatabaseConnections()

    server = await spawnUntilListening([path.join(packageRoot, "build/bin/velocious.js"), "server", "--port", "0"], {cwd: app.directory})

    const result = await runNode("script/frontend-models.js", app.directory, {BACKEND_URL: `http://127.0.0.1:${server.port}`})

    expect(result.stderr).toBe("")
    expect(result.stdout.trimEnd().split("\n")).toEqual([
      "user: Alicia <alice@example.com>",
      "tasks: Write the docs",
      "user 2: RecordNotFoundError",
      "over websocket: 1 tasks left"
    ])

    // The action's Task.accessible() answers with the ability of the token's user, or of nobody.
    const tasks = async (token?: string) => JSON.parse((await request(server!.port, "GET", "/tasks", {headers: token ? {authorization: `Bearer ${token}`} : {}})).body)

    expect(await tasks("bob-token")).toEqual({tasks: ["Bob done and public", "Bob private"], editable: 1})
    expect(await tasks("alice-token")).toEqual({tasks: ["Bob done and public"], editable: 0})
    expect(await tasks()).toEqual({tasks: ["Bob done and public"], editable: 0})
  })
})
