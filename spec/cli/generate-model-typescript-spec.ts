import {spawnSync} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {describe, it, expect, beforeAll, afterAll} from "velocious/build/src/testing/test.js"
import {lines, packageRoot, sqliteTestConfiguration, TempApp} from "../http/support/temp-app.js"

const tsc = path.join(packageRoot, "node_modules/typescript/bin/tsc")

describe("g:model in a TypeScript app", () => {
  let app: TempApp

  function typecheck() {
    const result = spawnSync(process.execPath, [tsc, "-p", "."], {cwd: app.directory, encoding: "utf8", timeout: 60_000})

    return {status: result.status, output: `${result.stdout}${result.stderr}`}
  }

  beforeAll(() => {
    app = new TempApp("g-model-ts")
      .write("tsconfig.json", JSON.stringify({
        compilerOptions: {target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: []},
        include: ["src/**/*.ts", "spec/**/*.ts"]
      }))
      .write("src/config/configuration.ts", sqliteTestConfiguration)
  })

  afterAll(() => {
    app.remove()
  })

  it("declares the accessors and the belongsTo of references, typed by the target model", async () => {
    expect((await app.run(["g:model", "Project", "--attributes", "name:string"])).code).toBe(0)

    const {code, stdout} = await app.run(["g:model", "Task", "name:string", "done:boolean", "due_at:datetime", "project:references"])

    expect(code).toBe(0)
    expect(stdout).toContain("Created src/models/task.ts")

    const source = fs.readFileSync(path.join(app.directory, "src/models/task.ts"), "utf8")

    expect(source).toContain(`import type Project from "./project.js"`)
    expect(source).toContain(`  declare name: () => string | null`)
    expect(source).toContain(`  declare setDone: (value: boolean | null) => void`)
    expect(source).toContain(`  declare dueAt: () => Date | null`)
    expect(source).toContain(`  declare projectId: () => number | null`)
    expect(source).toContain(`  declare project: () => Project`)
    expect(source).toContain(`Task.belongsTo("project")`)
  })

  it("type-checks code that uses them, and catches misuse", () => {
    app.write("spec/task-spec.ts", lines(
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
      `})`
    ))

    expect(typecheck().output).toBe("")

    app.write("src/misuse.ts", `import Task from "./models/task.js"\n\nexport const done: string | null = new Task().done()\n`)

    const misuse = typecheck()

    fs.rmSync(path.join(app.directory, "src/misuse.ts"))
    expect(misuse.status).not.toBe(0)
    expect(misuse.output).toContain("Type 'boolean | null' is not assignable to type 'string | null'")
  })

  it("runs: the declared accessors are the real ones at runtime", async () => {
    expect((await app.run(["db:create"])).code).toBe(0)
    expect((await app.run(["db:migrate"])).code).toBe(0)

    const {code, stdout} = await app.run(["test"])

    expect(stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed")
    expect(code).toBe(0)
  })
})
