import assert from "node:assert/strict"
import {spawnSync} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {after, before, describe, it} from "node:test"
import {lastLine, root, packIntoTemporaryFolder, withAppServer} from "./helpers.mjs"

// The README's app written by hand (no `init`), from the packed tarball: the marked blocks
// of "Without init" and "Configuration" become its files, verbatim, and its commands run
// as listed. The TypeScript app is the same files as .ts, sharing the one slow install.
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
const skip = process.env.VELOCIOUS_SKIP_FIRST_APP === "1" && "VELOCIOUS_SKIP_FIRST_APP=1"
const cleanEnv = {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", npm_config_yes: "true"}

function appFiles() {
  return [...readme.matchAll(/<!-- readme-app: (\S+) -->\n```\w+\n([\s\S]*?)```/g)].map((match) => ({file: match[1], source: match[2]}))
}

function appCommands() {
  const block = readme.match(/<!-- readme-app-commands -->\n```sh\n([\s\S]*?)```/)

  return block ? block[1].split("\n").filter(Boolean).map((line) => line.replace(/\s+#.*$/, "")) : []
}

function run(command, args, cwd, {timeout = 300_000} = {}) {
  const result = spawnSync(command, args, {cwd, encoding: "utf8", env: cleanEnv, timeout})
  const output = `$ ${command} ${args.join(" ")} (in ${cwd})\n${result.stdout}${result.stderr}`

  assert.equal(result.status, 0, output)

  return {output, stdout: result.stdout}
}

function writeFiles(app, files, extension) {
  for (const {file, source} of files) {
    const target = path.join(app, extension === "ts" ? file.replace(/\.js$/, ".ts") : file)

    fs.mkdirSync(path.dirname(target), {recursive: true})
    fs.writeFileSync(target, source)
  }
}

describe("an app written by hand from the README, from the packed tarball", {skip}, () => {
  let work
  let tarball
  let cleanup

  before(() => {
    ({work, tarball, cleanup} = packIntoTemporaryFolder("velocious-hand-app-"))
  })

  after(() => cleanup?.())

  it("documents the files and commands it runs", () => {
    assert.deepEqual(appFiles().map(({file}) => file).sort(), [
      "package.json", "script.js", "spec/task-spec.js", "src/config/configuration.js", "src/config/routes.js",
      "src/database/migrations/20261201120000-create-tasks.js", "src/models/task.js", "src/routes/_root/controller.js"
    ])
    assert.deepEqual(appCommands(), ["npm install velocious", "npx velocious db:migrate", "node script.js", "npx velocious test", "npx velocious server"])
  })

  it("migrates, runs a plain node script, tests and serves, in JavaScript and in TypeScript", {timeout: 900_000}, async () => {
    const files = appFiles()
    // What db:migrate must work with: package.json, the configuration and the migrations only.
    const firstFiles = files.filter(({file}) => ["package.json", "src/config/configuration.js"].includes(file) || file.startsWith("src/database/migrations/"))
    const javascriptApp = path.join(work, "tasks-app")
    const typescriptApp = path.join(work, "typed-tasks-app")

    fs.mkdirSync(javascriptApp)
    writeFiles(javascriptApp, firstFiles, "js")
    run("npm", ["install", tarball, "--no-audit", "--no-fund"], javascriptApp, {timeout: 600_000})

    fs.mkdirSync(typescriptApp)
    writeFiles(typescriptApp, firstFiles, "ts")
    for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(javascriptApp, file), path.join(typescriptApp, file))
    fs.cpSync(path.join(javascriptApp, "node_modules"), path.join(typescriptApp, "node_modules"), {recursive: true, verbatimSymlinks: true})

    for (const [app, extension] of [[javascriptApp, "js"], [typescriptApp, "ts"]]) {
      assert.equal(fs.existsSync(path.join(app, "db")), false)

      const migrated = run("npx", ["velocious", "db:migrate"], app)

      assert.match(migrated.stdout, /Migrated 20261201120000-create-tasks \(default\)/)
      assert.match(migrated.stdout, /Wrote db\/structure-default\.sql/)
      assert.ok(fs.existsSync(path.join(app, "db/development.sqlite")))
      assert.match(fs.readFileSync(path.join(app, "db/structure-default.sql"), "utf8"), /CREATE TABLE "tasks"/)

      writeFiles(app, files.filter((each) => !firstFiles.includes(each)), extension)

      const script = extension === "ts" ? run("node", ["--import", "tsx", "script.ts"], app) : run("node", ["script.js"], app)

      assert.equal(script.stdout, "3 tasks\n", script.output)

      const tests = run("npx", ["velocious", "test"], app)

      assert.equal(lastLine(tests.stdout), "1 passed, 0 failed", tests.output)

      const ping = await withAppServer(app, cleanEnv, async (baseUrl) => await (await fetch(`${baseUrl}/ping`)).json())

      assert.deepEqual(ping, {status: "pong", tasks: 3})
    }
  })
})
