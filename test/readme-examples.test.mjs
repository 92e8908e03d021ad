import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {before, describe, it} from "node:test"
import {lastLine, root, velocious} from "./helpers.mjs"

// Runs the README's Testing examples as written: the marked code blocks become files of a
// throwaway app that has velocious installed, and the marked shell blocks are run in it.
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")

function exampleFiles() {
  return [...readme.matchAll(/<!-- readme-example: (\S+) -->\n```\w+\n([\s\S]*?)```/g)].map((match) => ({file: match[1], source: match[2]}))
}

function exampleCommands() {
  return [...readme.matchAll(/<!-- readme-commands -->\n```sh\n([\s\S]*?)```/g)]
    .flatMap((match) => match[1].split("\n"))
    .filter((line) => line.startsWith("npx velocious "))
}

function splitCommand(line) {
  return [...line.replace(/^npx velocious /, "").matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2])
}

// What each README command selects from the README's tasks spec.
const expectedSummaries = {
  "npx velocious test --tag fast": "1 passed, 0 failed",
  "npx velocious test --include-tag fast,api": "2 passed, 0 failed",
  "npx velocious test --exclude-tag slow": "5 passed, 0 failed",
  "npx velocious test spec/tasks-spec.js:12": "1 passed, 0 failed",
  "npx velocious test --example \"filters on nested relationship attributes\"": "1 passed, 0 failed",
  "npx velocious test --example \"/nested.*attributes/i\"": "1 passed, 0 failed",
  "npx velocious test --name \"filters on nested relationship attributes\"": "1 passed, 0 failed"
}

describe("README testing examples", () => {
  let app

  before(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-readme-"))
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({name: "readme-app", type: "module", private: true}))
    fs.mkdirSync(path.join(app, "node_modules"))
    fs.symlinkSync(root, path.join(app, "node_modules/velocious"), "dir")

    for (const {file, source} of exampleFiles()) {
      fs.mkdirSync(path.dirname(path.join(app, file)), {recursive: true})
      fs.writeFileSync(path.join(app, file), source)
    }
  })

  it("has the marked examples and commands", () => {
    assert.deepEqual(exampleFiles().map(({file}) => file), ["spec/tasks-spec.js", "src/config/testing.js", "spec/expectations-spec.js"])
    assert.deepEqual(exampleCommands().sort(), Object.keys(expectedSummaries).sort())
  })

  it("runs the whole example suite", () => {
    const {status, stdout, stderr} = velocious(["test"], {cwd: app})

    assert.equal(lastLine(stdout), "6 passed, 0 failed", stdout + stderr)
    assert.equal(status, 0)
  })

  for (const command of exampleCommands()) {
    it(`runs: ${command}`, () => {
      const {status, stdout, stderr} = velocious(splitCommand(command), {cwd: app})

      assert.equal(lastLine(stdout), expectedSummaries[command], stdout + stderr)
      assert.equal(status, 0)
    })
  }
})
