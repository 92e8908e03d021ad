import {spawnSync} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {describe, it, expect, beforeAll, afterAll} from "velocious/build/src/testing/test.js"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const bin = path.join(root, "build/bin/velocious.js")
const tsc = path.join(root, "node_modules/typescript/bin/tsc")

function run(app: string, command: string, args: string[], env: {[key: string]: string} = {}) {
  const result = spawnSync(process.execPath, [command, ...args], {cwd: app, encoding: "utf8", env: {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", ...env}, timeout: 60_000})

  return {status: result.status, output: `${result.stdout}${result.stderr}`}
}

describe("g:model in a TypeScript app", () => {
  let app: string

  beforeAll(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-g-model-ts-"))
    fs.mkdirSync(path.join(app, "src/config"), {recursive: true})
    fs.mkdirSync(path.join(app, "node_modules"))
    fs.symlinkSync(root, path.join(app, "node_modules/velocious"), "dir")
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({type: "module", private: true}))
    fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: {target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: []},
      include: ["src/**/*.ts", "spec/**/*.ts"]
    }))
    fs.writeFileSync(path.join(app, "src/config/configuration.ts"), [
      `import Configuration from "velocious/build/src/configuration.js"`,
      ``,
      `export default new Configuration({`,
      `  logging: {console: false},`,
      `  database: {test: {default: {type: "sqlite", name: "test"}}}`,
      `})`,
      ``
    ].join("\n"))
  })

  afterAll(() => {
    fs.rmSync(app, {recursive: true, force: true})
  })

  it("declares the accessors and the belongsTo of references, typed by the target model", () => {
    expect(run(app, bin, ["g:model", "Project", "--attributes", "name:string"]).status).toBe(0)

    const {status, output} = run(app, bin, ["g:model", "Task", "name:string", "done:boolean", "due_at:datetime", "project:references"])

    expect(status).toBe(0)
    expect(output).toContain("Created src/models/task.ts")

    const source = fs.readFileSync(path.join(app, "src/models/task.ts"), "utf8")

    expect(source).toContain(`import type Project from "./project.js"`)
    expect(source).toContain(`  declare name: () => string | null`)
    expect(source).toContain(`  declare setDone: (value: boolean | null) => void`)
    expect(source).toContain(`  declare dueAt: () => Date | null`)
    expect(source).toContain(`  declare projectId: () => number | null`)
    expect(source).toContain(`  declare project: () => Project`)
    expect(source).toContain(`Task.belongsTo("project")`)
  })

  it("type-checks code that uses them, and catches misuse", () => {
    fs.mkdirSync(path.join(app, "spec"), {recursive: true})
    fs.writeFileSync(path.join(app, "spec/task-spec.ts"), [
      `import {describe, it, expect} from "velocious/build/src/testing/test.js"`,
      `import Project from "../src/models/project.js"`,
      `import Task from "../src/models/task.js"`,
      ``,
      `describe("Task", () => {`,
      `  it("works through the declared accessors", async () => {`,
      `    const project = await Project.create({name: "Velocious"})`,
      `    const task = await Task.create({name: "Write specs", done: false, projectId: project.id()})`,
      `    const found = await Task.find(task.id())`,
      ``,
      `    await found.loadProject()`,
      `    found.setDone(true)`,
      `    await found.save()`,
      ``,
      `    const name: string | null = found.project().name()`,
      `    expect(name).toBe("Velocious")`,
      `    expect((await Task.find(task.id())).done()).toBe(true)`,
      `    expect(found.createdAt()).toBeInstanceOf(Date)`,
      `  })`,
      `})`,
      ``
    ].join("\n"))

    expect(run(app, tsc, ["-p", "."]).output).toBe("")

    fs.writeFileSync(path.join(app, "src/misuse.ts"), `import Task from "./models/task.js"\n\nexport const done: string | null = new Task().done()\n`)

    const misuse = run(app, tsc, ["-p", "."])

    fs.rmSync(path.join(app, "src/misuse.ts"))
    expect(misuse.status).not.toBe(0)
    expect(misuse.output).toContain("Type 'boolean | null' is not assignable to type 'string | null'")
  })

  it("runs: the declared accessors are the real ones at runtime", () => {
    expect(run(app, bin, ["db:create"], {VELOCIOUS_ENV: "test"}).status).toBe(0)
    expect(run(app, bin, ["db:migrate"], {VELOCIOUS_ENV: "test"}).status).toBe(0)

    const {status, output} = run(app, bin, ["test"])

    expect(output.trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed")
    expect(status).toBe(0)
  })
})
