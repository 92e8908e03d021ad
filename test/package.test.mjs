import assert from "node:assert/strict"
import {execFileSync, spawnSync} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {before, describe, it} from "node:test"
import {root} from "./helpers.mjs"

// The packed tarball, installed into an empty folder, is what users get: check it works there.
describe("packed package", () => {
  let app

  function npx(args) {
    const result = spawnSync("npx", ["--no-install", "velocious", ...args], {cwd: app, encoding: "utf8", env: {...process.env, VELOCIOUS_ENV: "", NODE_ENV: ""}, timeout: 60_000})

    return {status: result.status, stdout: result.stdout, stderr: result.stderr}
  }

  before(() => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-pack-"))
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {cwd: root, encoding: "utf8"}))
    const tarball = path.join(work, packed[0].filename)

    app = path.join(work, "app")
    fs.mkdirSync(app)
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({name: "packed-app", version: "1.0.0", type: "module", private: true}))
    execFileSync("npm", ["install", tarball, "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], {cwd: app, encoding: "utf8", stdio: "pipe"})
  }, {timeout: 180_000})

  it("ships only the build and the README", () => {
    const installed = path.join(app, "node_modules/velocious")

    assert.ok(fs.existsSync(path.join(installed, "build/bin/velocious.js")))
    assert.ok(fs.existsSync(path.join(installed, "build/src/testing/test.d.ts")))
    assert.ok(!fs.existsSync(path.join(installed, "src")))
    assert.ok(!fs.existsSync(path.join(installed, "spec")))
  })

  it("runs npx velocious --help in an empty app", () => {
    const {status, stdout} = npx(["--help"])

    assert.equal(status, 0)
    assert.match(stdout, /Usage: velocious <command>/)
  })

  it("runs a TypeScript spec written from the README with every filter", () => {
    fs.mkdirSync(path.join(app, "spec"), {recursive: true})
    fs.writeFileSync(path.join(app, "spec/tasks-spec.ts"), [
      `import {describe, expect, it} from "velocious/build/src/testing/test.js"`,
      ``,
      `describe("Tasks", {tags: ["db"]}, () => {`,
      `  it("creates a task", {tags: ["fast"]}, async () => {`,
      `    const task: {name: string} = {name: "Task 4"}`,
      `    expect(task).toMatchObject({name: "Task 4"})`,
      `  })`,
      ``,
      `  it("filters on nested relationship attributes", {tags: ["slow"]}, () => {`,
      `    expect({a: 1, b: 2}).toEqual(expect.objectContaining({a: 1}))`,
      `  })`,
      `})`,
      ``
    ].join("\n"))

    const runs = {
      "": "2 passed, 0 failed",
      "--tag fast": "1 passed, 0 failed",
      "--include-tag fast,api": "1 passed, 0 failed",
      "--exclude-tag slow": "1 passed, 0 failed",
      "spec/tasks-spec.ts:9": "1 passed, 0 failed",
      "--example /nested.*attributes/i": "1 passed, 0 failed",
      "--name creates": "1 passed, 0 failed"
    }

    for (const [flags, summary] of Object.entries(runs)) {
      const {status, stdout, stderr} = npx(["test", ...flags.split(" ").filter(Boolean)])

      assert.equal(stdout.trimEnd().split("\n").at(-1), summary, `velocious test ${flags}\n${stdout}${stderr}`)
      assert.equal(status, 0)
    }
  })
})
