import fs from "node:fs"
import path from "node:path"
import {afterAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {listFiles, readJson, runInProcess, tempFolder} from "./support/init-app.js"

// What `npm init -y` (npm 11) writes.
const npmInitPackageJson = `${JSON.stringify({
  name: "project",
  version: "1.0.0",
  description: "",
  main: "index.js",
  scripts: {test: "echo \"Error: no test specified\" && exit 1"},
  keywords: [],
  author: "",
  license: "ISC",
  type: "commonjs"
}, null, 2)}\n`

const createdFiles = (extension: string) => [
  `src/config/configuration.${extension}`,
  `src/config/routes.${extension}`,
  `src/config/testing.${extension}`,
  `src/routes/_root/controller.${extension}`,
  "src/routes/_root/index.ejs",
  `spec/requests/root-spec.${extension}`,
  ".gitignore",
  ...extension === "ts" ? ["tsconfig.json"] : [],
  "src/models/.gitkeep",
  "src/database/migrations/.gitkeep",
  "db/.gitkeep"
]

const nextSteps = (extension: string) => [
  "",
  "Next steps:",
  "  npx velocious db:migrate  # creates db/development.sqlite",
  "  npx velocious server      # then open http://127.0.0.1:3006",
  `  npx velocious test        # runs spec/requests/root-spec.${extension}`
]

describe("velocious init: the files it writes", () => {
  const folders: string[] = []
  const folder = (prefix: string, link = ["velocious", "better-sqlite3"]) => {
    const directory = tempFolder(prefix, {link})

    folders.push(directory)

    return directory
  }

  afterAll(() => {
    for (const directory of folders) fs.rmSync(directory, {recursive: true, force: true})
  })

  it("turns a fresh `npm init -y` folder into a JavaScript app and says what it did", async () => {
    const app = folder("js")

    fs.writeFileSync(path.join(app, "package.json"), npmInitPackageJson)

    const {code, stdout, stderr} = await runInProcess(app, ["init"])

    expect(stderr).toEqual("")
    expect(code).toEqual(0)
    expect(stdout.split("\n")).toEqual([
      `Updated package.json: "type": "module" (was "commonjs"), script start, script test (was npm init's placeholder), script test:browser, script migrate, allowScripts better-sqlite3, allowScripts esbuild`,
      ...createdFiles("js").map((file) => `Created ${file}`),
      ...nextSteps("js"),
      ""
    ])
    expect(listFiles(app)).toEqual(["package.json", ...createdFiles("js")].sort())

    const packageJson = readJson(path.join(app, "package.json"))

    expect(packageJson.type).toEqual("module")
    expect(packageJson.scripts).toEqual({test: "velocious test", "test:browser": "velocious test --browser", start: "velocious server", migrate: "velocious db:migrate"})
    expect(packageJson.allowScripts).toEqual({"better-sqlite3": true, esbuild: true})
    // The rest of what npm init wrote is kept as it was.
    expect(packageJson.name).toEqual("project")
    expect(packageJson.license).toEqual("ISC")

    const configuration = fs.readFileSync(path.join(app, "src/config/configuration.js"), "utf8")

    expect(configuration).toContain(`development: {default: {type: "sqlite", name: "development"}}`)
    expect(configuration).toContain(`test: {default: {type: "sqlite", name: "test"}}`)
    expect(configuration).toContain(`production: {default: {type: "sqlite", name: "production"}}`)
    expect(configuration).toMatch(/\/\/ production: \{default: \{type: "pgsql", .*database: "velocious_init_js_\w+_production"\}\}/)
    expect(configuration).toMatch(/\/\/ production: \{default: \{type: "mysql", /)
    expect(configuration).toMatch(/const developmentCookieSecret = "[0-9a-f]{64}"/)
    expect(configuration).toContain(`cookieSecret: process.env.COOKIE_SECRET || (["development", "test"].includes(environment) ? developmentCookieSecret : undefined)`)
    expect(fs.readFileSync(path.join(app, "src/config/routes.js"), "utf8")).toContain("route.root()")
    expect(fs.readFileSync(path.join(app, ".gitignore"), "utf8").split("\n")).toContain("db/*.sqlite")
  })

  it("gives every app its own development cookie secret", async () => {
    const secrets = []

    for (const prefix of ["secret-a", "secret-b"]) {
      const app = folder(prefix)

      expect((await runInProcess(app, ["init"])).code).toEqual(0)
      secrets.push(/developmentCookieSecret = "([0-9a-f]+)"/.exec(fs.readFileSync(path.join(app, "src/config/configuration.js"), "utf8"))?.[1])
    }

    expect(secrets[0]).not.toEqual(secrets[1])
  })

  it("never overwrites: a second run lists every file as skipped and leaves them as they were", async () => {
    const app = folder("again")

    expect((await runInProcess(app, ["init"])).code).toEqual(0)
    fs.writeFileSync(path.join(app, "src/routes/_root/index.ejs"), "<p>mine</p>\n")

    const packageJsonBefore = fs.readFileSync(path.join(app, "package.json"), "utf8")
    const {code, stdout} = await runInProcess(app, ["init"])

    expect(code).toEqual(0)
    expect(stdout).not.toContain("Created")
    expect(stdout.split("\n").slice(0, createdFiles("js").length + 1)).toEqual([
      "Skipped package.json (up to date)",
      ...createdFiles("js").map((file) => `Skipped ${file} (exists)`)
    ])
    expect(fs.readFileSync(path.join(app, "src/routes/_root/index.ejs"), "utf8")).toEqual("<p>mine</p>\n")
    expect(fs.readFileSync(path.join(app, "package.json"), "utf8")).toEqual(packageJsonBefore)
  })

  it("keeps existing scripts and reports them as skipped", async () => {
    const app = folder("scripts")

    fs.writeFileSync(path.join(app, "package.json"), `{\n\t"name": "mine",\n\t"scripts": {"start": "node server.js", "test": "mocha"}\n}\n`)

    const {code, stdout} = await runInProcess(app, ["init"])
    const packageJson = readJson(path.join(app, "package.json"))

    expect(code).toEqual(0)
    expect(stdout).toContain(`Updated package.json: "type": "module", script test:browser, script migrate, allowScripts better-sqlite3, allowScripts esbuild\n`)
    expect(stdout).toContain(`Skipped script "start" (exists: "node server.js") in package.json\n`)
    expect(stdout).toContain(`Skipped script "test" (exists: "mocha") in package.json\n`)
    expect(packageJson.scripts).toEqual({start: "node server.js", test: "mocha", "test:browser": "velocious test --browser", migrate: "velocious db:migrate"})
    // The file's own indentation (a tab) is kept.
    expect(fs.readFileSync(path.join(app, "package.json"), "utf8")).toContain(`\n\t"name": "mine",\n`)
  })

  it("creates package.json, named after the folder, when there is none", async () => {
    const app = folder("bare")
    const {code, stdout} = await runInProcess(app, ["init"])
    const packageJson = readJson(path.join(app, "package.json"))

    expect(code).toEqual(0)
    expect(stdout.split("\n")[0]).toEqual("Created package.json")
    expect(packageJson.name).toEqual(path.basename(app).toLowerCase())
    expect(packageJson.type).toEqual("module")
    expect(packageJson.scripts).toEqual({start: "velocious server", test: "velocious test", "test:browser": "velocious test --browser", migrate: "velocious db:migrate"})
    expect(packageJson.allowScripts).toEqual({"better-sqlite3": true, esbuild: true})
  })

  it("writes TypeScript with --typescript: .ts files, a tsconfig.json and a typecheck script", async () => {
    const app = folder("ts")

    fs.writeFileSync(path.join(app, "package.json"), npmInitPackageJson)

    const {code, stdout} = await runInProcess(app, ["init", "--typescript"])

    expect(code).toEqual(0)
    expect(stdout.split("\n")).toEqual([
      `Updated package.json: "type": "module" (was "commonjs"), script start, script test (was npm init's placeholder), script test:browser, script migrate, script typecheck, allowScripts better-sqlite3, allowScripts esbuild`,
      ...createdFiles("ts").map((file) => `Created ${file}`),
      ...nextSteps("ts"),
      "",
      "Type-checking (npm run typecheck) needs: npm install --save-dev typescript @types/node",
      ""
    ])
    expect(listFiles(app)).toEqual(["package.json", ...createdFiles("ts")].sort())
    expect(readJson(path.join(app, "package.json")).scripts.typecheck).toEqual("tsc --noEmit")
    expect(readJson(path.join(app, "tsconfig.json")).compilerOptions).toEqual({
      target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: ["node"]
    })
  })

  it("writes TypeScript when the folder already has a tsconfig.json, and keeps that tsconfig", async () => {
    const app = folder("has-tsconfig")

    fs.writeFileSync(path.join(app, "tsconfig.json"), "{}\n")

    const {code, stdout} = await runInProcess(app, ["init"])

    expect(code).toEqual(0)
    expect(stdout).toContain("Created src/config/configuration.ts\n")
    expect(stdout).toContain("Skipped tsconfig.json (exists)\n")
    expect(fs.readFileSync(path.join(app, "tsconfig.json"), "utf8")).toEqual("{}\n")
  })

  it("does not add a .ts file beside an existing .js one (the CLI would load the .ts)", async () => {
    const app = folder("mixed")

    expect((await runInProcess(app, ["init"])).code).toEqual(0)

    const {code, stdout} = await runInProcess(app, ["init", "--typescript"])

    expect(code).toEqual(0)
    expect(stdout).toContain("Skipped src/config/configuration.ts (src/config/configuration.js exists)\n")
    expect(stdout).toContain("Skipped spec/requests/root-spec.ts (spec/requests/root-spec.js exists)\n")
    expect(fs.existsSync(path.join(app, "src/config/configuration.ts"))).toBe(false)
  })

  it("does not put a .gitkeep into a folder that has files", async () => {
    const app = folder("models")

    fs.mkdirSync(path.join(app, "src/models"), {recursive: true})
    fs.writeFileSync(path.join(app, "src/models/task.js"), "export default class Task {}\n")

    const {stdout} = await runInProcess(app, ["init"])

    expect(stdout).toContain("Skipped src/models/.gitkeep (src/models has files)\n")
    expect(fs.existsSync(path.join(app, "src/models/.gitkeep"))).toBe(false)
  })

  it("says to install Velocious first when it is not in the folder's node_modules", async () => {
    const app = folder("no-velocious", [])
    const {code, stdout} = await runInProcess(app, ["init"])

    expect(code).toEqual(0)
    expect(stdout).toContain("  npm install velocious     # not in this folder's node_modules yet\n")
  })

  it("stops before writing anything when package.json is not valid JSON", async () => {
    const app = folder("broken-package-json")

    fs.writeFileSync(path.join(app, "package.json"), "{\"name\": \"x\",}\n")

    const {code, stdout, stderr} = await runInProcess(app, ["init"])

    expect(code).toEqual(1)
    expect(stdout).toEqual("")
    expect(stderr).toMatch(/^package\.json is not valid JSON \(.+\)\. Fix it, then run `npx velocious init` again\n$/)
    expect(listFiles(app)).toEqual(["package.json"])
  })

  it("is listed in --help and rejects unknown flags", async () => {
    const help = await runInProcess(process.cwd(), ["init", "--help"])

    expect(help.stdout).toContain("Usage: velocious init [--typescript]")
    expect(help.stdout).toContain("--typescript")
    expect((await runInProcess(process.cwd(), ["--help"])).stdout).toMatch(/\n {2}init\s+Make the current folder a Velocious app/)

    const wrong = await runInProcess(process.cwd(), ["init", "--typescrip"])

    expect(wrong.code).toEqual(2)
    expect(wrong.stderr).toContain("Did you mean --typescript?")
  })
})
