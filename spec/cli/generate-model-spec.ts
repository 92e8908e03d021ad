import {spawnSync} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {describe, it, expect, beforeAll, afterAll} from "velocious/build/src/testing/test.js"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const bin = path.join(root, "build/bin/velocious.js")

function velocious(app: string, args: string[], env: {[key: string]: string} = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd: app, encoding: "utf8", env: {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", ...env}, timeout: 60_000})

  return {status: result.status, output: `${result.stdout}${result.stderr}`}
}

describe("g:model and the app's models in specs", () => {
  let app: string

  beforeAll(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-g-model-"))
    fs.mkdirSync(path.join(app, "src/config"), {recursive: true})
    fs.mkdirSync(path.join(app, "node_modules"))
    fs.symlinkSync(root, path.join(app, "node_modules/velocious"), "dir")
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({type: "module", private: true}))
    fs.writeFileSync(path.join(app, "src/config/configuration.js"), [
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

  it("writes the model and its migration, with --attributes", () => {
    const {status, output} = velocious(app, ["g:model", "ProjectTask", "--attributes", "name:string", "done:boolean", "project:references"])

    expect(status).toBe(0)
    expect(output).toMatch(/Created src\/models\/project-task\.js/)
    expect(output).toMatch(/Created src\/database\/migrations\/\d{14}-create-project-tasks\.js/)
    expect(fs.readFileSync(path.join(app, "src/models/project-task.js"), "utf8")).toContain("export default class ProjectTask extends Record")

    const migration = fs.readdirSync(path.join(app, "src/database/migrations"))[0]
    const source = fs.readFileSync(path.join(app, "src/database/migrations", migration), "utf8")

    expect(source).toContain(`await this.createTable("project_tasks", (t) => {`)
    expect(source).toContain(`t.string("name")`)
    expect(source).toContain(`t.boolean("done")`)
    expect(source).toContain(`t.references("project")`)
  })

  it("never overwrites: a second run skips what exists", () => {
    const {status, output} = velocious(app, ["g:model", "ProjectTask"])

    expect(status).toBe(0)
    expect(output).toContain("Skipped src/models/project-task.js (exists)")
    expect(output).toContain("Skipped the create-project-tasks migration (exists)")
  })

  it("rejects an unknown attribute type", () => {
    const {status, output} = velocious(app, ["g:model", "Thing", "--attributes", "size:huge"])

    expect(status).toBe(2)
    expect(output).toContain(`unknown type "huge"`)
  })

  it("loads the models before specs run, so a spec can use them straight away", () => {
    expect(velocious(app, ["db:create"], {VELOCIOUS_ENV: "test"}).status).toBe(0)
    expect(velocious(app, ["db:migrate"], {VELOCIOUS_ENV: "test"}).status).toBe(0)

    fs.mkdirSync(path.join(app, "spec"), {recursive: true})
    fs.writeFileSync(path.join(app, "spec/project-task-spec.js"), [
      `import {describe, it, expect} from "velocious/build/src/testing/test.js"`,
      `import ProjectTask from "../src/models/project-task.js"`,
      ``,
      `describe("ProjectTask", () => {`,
      `  it("is usable without any setup", async () => {`,
      `    const task = await ProjectTask.create({name: "Write specs", done: false})`,
      ``,
      `    expect((await ProjectTask.find(task.id())).name()).toBe("Write specs")`,
      `    expect(task.done()).toBe(false)`,
      `  })`,
      `})`,
      ``
    ].join("\n"))

    const {status, output} = velocious(app, ["test"])

    expect(output.trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed")
    expect(status).toBe(0)
  })
})
