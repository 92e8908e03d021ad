import {spawn} from "node:child_process"
import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {lines, packageRoot, sqliteTestConfiguration, TempApp} from "../../http/support/temp-app.js"

interface ConsoleRun {
  code: number | null
  stdout: string
  stderr: string
}

/** `velocious console` with `input` piped to stdin (then end of input), as a script or CI would run it. */
function runConsole(app: TempApp, input: string): Promise<ConsoleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(packageRoot, "build/bin/velocious.js"), "console"], {cwd: app.directory, env: {...process.env, VELOCIOUS_ENV: "test"}})
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`velocious console did not exit within 30s; output so far: ${stdout}${stderr}`)) }, 30_000)

    child.stdout.on("data", (chunk: Buffer) => { stdout += chunk.toString() })
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString() })
    child.on("error", reject)
    child.on("exit", (code) => { clearTimeout(timer); resolve({code, stdout, stderr}) })
    child.stdin.end(input)
  })
}

describe("velocious console", {timeoutSeconds: 90}, () => {
  let app: TempApp

  beforeAll(async () => {
    app = new TempApp("console")
    app.write("src/config/configuration.js", sqliteTestConfiguration)
    app.write("src/models/task.js", lines(
      `import Record from "velocious/build/src/database/record/index.js"`,
      ``,
      `export default class Task extends Record {}`
    ))
    app.write("src/database/migrations/20260101000000-create-tasks.js", lines(
      `import Migration from "velocious/build/src/database/migration/index.js"`,
      ``,
      `export default class CreateTasks extends Migration {`,
      `  async up() {`,
      `    await this.createTable("tasks", (t) => {`,
      `      t.string("name")`,
      `      t.timestamps()`,
      `    })`,
      `  }`,
      `}`
    ))

    for (const command of ["db:create", "db:migrate"]) {
      const result = await app.run([command])

      if (result.code !== 0) throw new Error(`${command} failed: ${result.stdout}${result.stderr}`)
    }
  })

  afterAll(() => {
    app?.remove()
  })

  it("evaluates piped lines in order with top-level await, prints errors and goes on, and stops at .exit", async () => {
    const result = await runConsole(app, lines(
      `await Task.count()`,
      `const task = await Task.create({name: "Try the console"})`,
      `task.id()`,
      `(await Task.create({name: "Second"})).id()`,
      `throw new Error("boom")`,
      `await Task.count()`,
      `configuration.getEnvironment()`,
      `.exit`,
      `await Task.create({name: "never evaluated"})`
    ))

    expect(result).toEqual({code: 0, stderr: "", stdout: [
      "Velocious console (test); models: Task; .exit or Ctrl-D to quit",
      "velocious> 0",
      "velocious> undefined",
      "velocious> 1",
      "velocious> 2",
      "velocious> Uncaught Error: boom",
      "velocious> 2",
      "velocious> 'test'",
      "velocious> "
    ].join("\n")})
  })

  it("reads what earlier sessions wrote, shows a failed query's error, and exits 0 at end of input", async () => {
    const result = await runConsole(app, lines(
      `(await Task.find(1)).name()`,
      `await Task.find(99)`,
      `await Task.count()`
    ))

    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    expect(result.stdout.startsWith(lines(
      "Velocious console (test); models: Task; .exit or Ctrl-D to quit",
      "velocious> 'Try the console'",
      "velocious> Uncaught RecordNotFoundError: Couldn't find Task with 'id'=99"
    ))).toBe(true)
    // Only two rows: the line after .exit in the first session never ran.
    expect(result.stdout.endsWith("velocious> 2\nvelocious> ")).toBe(true)
  })

  it("says how to fix a missing configuration instead of starting", async () => {
    const empty = new TempApp("console-empty")

    try {
      const result = await runConsole(empty, ".exit\n")

      expect(result.code).toBe(1)
      expect(result.stderr).toContain("No src/config/configuration.js or .ts")
      expect(result.stderr).toContain("npx velocious init")
    } finally {
      empty.remove()
    }
  })
})
