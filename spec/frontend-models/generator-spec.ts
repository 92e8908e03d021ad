import {execFile} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../database/support/test-databases.js"
import {lines, packageRoot, TempApp} from "../http/support/temp-app.js"
import {appDatabaseConfig, connectAppDatabase, createFrontendTables, dropFrontendTables, writeFrontendApp} from "./support/frontend-app.js"

function tsc(directory: string): Promise<{code: number, output: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(packageRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {cwd: directory, timeout: 120_000}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`})
    })
  })
}

for (const {dialect, config, skip} of testDatabases) {
  describe(`g:frontend-models - ${dialect}`, {skip}, () => {
    for (const typescript of [false, true]) {
      describe(typescript ? "TypeScript app" : "JavaScript app", () => {
        let app: TempApp
        let close: () => Promise<void>
        const ext = typescript ? "ts" : "js"

        beforeAll(async () => {
          app = new TempApp("frontend-generator")

          const databaseConfig = appDatabaseConfig(dialect, config, app)

          writeFrontendApp(app, databaseConfig, {typescript})

          const {configuration, db} = await connectAppDatabase(databaseConfig, app.directory)

          await createFrontendTables(db)
          close = async () => {
            await dropFrontendTables(db)
            await configuration.closeDatabaseConnections()
          }
        })

        afterAll(async () => {
          await close?.()
          app?.remove()
        })

        it("writes one class per resource, with attribute methods and the resource definition", async () => {
          const result = await app.run(["g:frontend-models"])

          expect(result.code).toBe(0)
          expect(result.stdout).toContain(`Created src/frontend-models/user.${ext}`)
          expect(result.stdout).toContain(`Created src/frontend-models/project.${ext}`)
          expect(result.stdout).toContain(`Created src/frontend-models/task.${ext}`)

          const user = fs.readFileSync(path.join(app.directory, `src/frontend-models/user.${ext}`), "utf8")

          expect(user).toContain("export default class User extends FrontendModel {")
          expect(user).toContain("\"path\": \"/api/frontend-models/users\"")
          expect(user).toContain("FrontendModel.register(User)")
          expect(user).not.toContain("password")
          expect(user).not.toContain("setId")

          if (typescript) {
            expect(user).toContain("  name(): string | null { return this.readAttribute(\"name\") as string | null }")
            expect(user).toContain("  setName(value: string | null): this { return this.setAttribute(\"name\", value) }")
            expect(user).toContain("  projects(): Project[] { return this.relationship(\"projects\") as Project[] }")
            expect(fs.readFileSync(path.join(app.directory, "src/frontend-models/project.ts"), "utf8")).toContain("  public(): boolean | null { return this.readAttribute(\"public\") as boolean | null }")
          } else {
            expect(user).toContain("  name() { return this.readAttribute(\"name\") }")
            expect(user).toContain("  setName(value) { return this.setAttribute(\"name\", value) }")
            expect(user).toContain("  projects() { return this.relationship(\"projects\") }")
          }

          const again = await app.run(["g:frontend-models"])

          expect(again.stdout).toContain(`Unchanged src/frontend-models/user.${ext}`)
        })

        if (typescript) {
          it("types the attribute methods, so misuse fails to compile", async () => {
            app.write("src/check-types.ts", lines(
              "import User from \"./frontend-models/user.js\"",
              "import Project from \"./frontend-models/project.js\"",
              "",
              "export async function check(): Promise<void> {",
              "  const user = await User.find(5)",
              "  const name: string | null = user.name()",
              "  user.setName(\"Renamed\")",
              "  await user.update({name})",
              "  const projects: Project[] = await Project.where({userId: 5}).toArray()",
              "  const first: Project | undefined = projects[0]",
              "  const isPublic: boolean | null | undefined = first?.public()",
              "  // @ts-expect-error name() is a string, not a number",
              "  const wrong: number = user.name()",
              "  // @ts-expect-error setName takes a string",
              "  user.setName(5)",
              "  await user.destroy()",
              "  void [isPublic, wrong]",
              "}"
            ))

            const result = await tsc(app.directory)

            expect(result.output).toBe("")
            expect(result.code).toBe(0)
          })
        }
      })
    }
  })
}

describe("g:frontend-models without the backend's models", () => {
  let app: TempApp

  beforeAll(() => {
    app = new TempApp("frontend-only")
    app.write("tsconfig.json", "{}")
  })

  afterAll(() => app?.remove())

  it("still writes the classes, typed unknown, for a frontend app that has no database", async () => {
    app.write("src/config/configuration.ts", lines(
      "import Configuration from \"velocious/build/src/configuration.js\"",
      "export default new Configuration({",
      "  logging: {console: false},",
      "  backendProjects: [{path: \"/path/to/backend-project\", resources: {User: {attributes: [\"id\", \"name\", \"email\"], commands: {find: \"find\", update: \"update\", destroy: \"destroy\"}, path: \"/api/frontend-models/users\", primaryKey: \"id\"}}}]",
      "})"
    ))

    const result = await app.run(["g:frontend-models"])

    expect(result.code).toBe(0)

    const user = fs.readFileSync(path.join(app.directory, "src/frontend-models/user.ts"), "utf8")

    expect(user).toContain("  email(): unknown { return this.readAttribute(\"email\") as unknown }")
  })

  it("names the mistake in a bad resource definition", async () => {
    app.write("src/config/configuration.ts", lines(
      "import Configuration from \"velocious/build/src/configuration.js\"",
      "export default new Configuration({",
      "  logging: {console: false},",
      "  backendProjects: [{path: \".\", resources: {User: {attributes: [\"id\"], path: \"/api/users\", comands: {}}}}]",
      "})"
    ))

    const result = await app.run(["g:frontend-models"])

    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/Unknown option 'comands' given to backendProjects\[0\]\.resources\.User\. Did you mean 'commands'\?/)
  })
})
