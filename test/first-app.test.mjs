import assert from "node:assert/strict"
import {spawnSync} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {after, before, describe, it} from "node:test"
import {root, packIntoTemporaryFolder, withAppServer} from "./helpers.mjs"

// The README's 60-second start, run as a newcomer would: the packed tarball stands in for the
// registry's `velocious`, everything else is verbatim. This is slow (npm compiles
// better-sqlite3's native binding once), so it runs one real install and gives the TypeScript
// app a copy of that install instead of compiling the binding a second time.
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
const firstAppBlock = readme.match(/<!-- readme-first-app -->\n```sh\n([\s\S]*?)```/)
const skip = process.env.VELOCIOUS_SKIP_FIRST_APP === "1" && "VELOCIOUS_SKIP_FIRST_APP=1"
const cleanEnv = {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", npm_config_yes: "true"}

function run(command, args, cwd, {timeout = 300_000, env = {}} = {}) {
  const result = spawnSync(command, args, {cwd, encoding: "utf8", env: {...cleanEnv, ...env}, timeout})
  const output = `$ ${command} ${args.join(" ")} (in ${cwd})\n${result.stdout}${result.stderr}`

  assert.equal(result.status, 0, output)

  return {output, stdout: result.stdout}
}

/**
 * `npx velocious server` in the background until the root route answers; then SIGTERM. It runs
 * the installed bin directly (what npx runs): npx itself dies of the signal instead of
 * passing on the server's exit status, which is what this checks.
 */
async function serveAndFetchRoot(app) {
  return await withAppServer(app, cleanEnv, async (baseUrl) => {
    const response = await fetch(`${baseUrl}/`, {headers: {accept: "text/html"}})
    const body = await response.text()

    return {status: response.status, contentType: response.headers.get("content-type"), body}
  })
}

describe("a newcomer's first app from the packed tarball", {skip}, () => {
  let work
  let tarball
  let cleanup

  before(() => {
    ({work, tarball, cleanup} = packIntoTemporaryFolder("velocious-first-app-"))
  })

  after(() => cleanup?.())

  it("documents the start commands of the issue verbatim", () => {
    assert.ok(firstAppBlock, "README.md needs a <!-- readme-first-app --> sh block")
    assert.equal(firstAppBlock[1], [
      "mkdir project && cd project && npm init -y && npm install velocious && npx velocious init",
      "npx velocious db:migrate && npx velocious server",
      ""
    ].join("\n"))
  })

  it("runs in JavaScript and in TypeScript", {timeout: 900_000}, async () => {
    const javascriptApp = path.join(work, "project")
    const typescriptApp = path.join(work, "typed-project")

    // Line one of the README, with the tarball in place of the registry name.
    fs.mkdirSync(javascriptApp)
    run("npm", ["init", "-y"], javascriptApp)
    run("npm", ["install", tarball, "--no-audit", "--no-fund"], javascriptApp, {timeout: 600_000})

    // The TypeScript app starts from the same fresh install (see the note at the top).
    fs.mkdirSync(typescriptApp)
    for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(javascriptApp, file), path.join(typescriptApp, file))
    fs.cpSync(path.join(javascriptApp, "node_modules"), path.join(typescriptApp, "node_modules"), {recursive: true, verbatimSymlinks: true})

    const {output: initOutput} = run("npx", ["velocious", "init"], javascriptApp)

    assert.match(initOutput, /Created src\/config\/configuration\.js/)
    await checkApp(javascriptApp, "js")

    // Running init again writes nothing and says so.
    const {output: again} = run("npx", ["velocious", "init"], javascriptApp)

    assert.doesNotMatch(again, /Created /)
    assert.match(again, /Skipped src\/config\/configuration\.js/)

    run("npx", ["velocious", "init", "--typescript"], typescriptApp)
    assert.ok(fs.existsSync(path.join(typescriptApp, "tsconfig.json")))
    await checkApp(typescriptApp, "ts")

    // The README's model, query and controller examples, typed, against the package's .d.ts.
    run("npm", ["install", "--save-dev", "typescript", "@types/node", "--no-audit", "--no-fund"], typescriptApp)
    fs.cpSync(path.join(root, "test/fixtures/typed-app"), path.join(typescriptApp, "src/typed-examples"), {recursive: true})
    run("npm", ["run", "typecheck"], typescriptApp)

    // And a type error in app code is caught, so the check above can fail.
    fs.writeFileSync(path.join(typescriptApp, "src/typed-examples/broken.ts"), `import Task from "./task.js"\n\nexport const count: string = await Task.count()\n`)
    assert.notEqual(spawnSync("npm", ["run", "typecheck"], {cwd: typescriptApp, encoding: "utf8", env: cleanEnv}).status, 0)
  })

  async function checkApp(app, extension) {
    for (const file of [`src/config/configuration.${extension}`, `src/config/routes.${extension}`, `src/config/testing.${extension}`, `src/routes/_root/controller.${extension}`, "src/routes/_root/index.ejs", ".gitignore"]) {
      assert.ok(fs.existsSync(path.join(app, file)), `init should create ${file}`)
    }

    const packageJson = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"))

    assert.equal(packageJson.type, "module")
    assert.deepEqual(Object.keys(packageJson.scripts).filter((name) => ["start", "test", "migrate"].includes(name)).sort(), ["migrate", "start", "test"])

    // Line two of the README.
    run("npx", ["velocious", "db:migrate"], app)

    const home = await serveAndFetchRoot(app)

    assert.equal(home.status, 200, home.body)
    assert.match(home.contentType, /text\/html/)

    const tests = run("npx", ["velocious", "test"], app)

    assert.match(tests.stdout.trimEnd().split("\n").at(-1), /^[1-9]\d* passed, 0 failed$/, tests.output)
  }
})
