// Times `velocious test` against `node --test` on 1,000 trivial tests spread over 50 files.
// Prints wall times, startup-to-first-test and the ratio; a benchmark, not a test.
import {spawnSync} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const bin = path.join(root, "build/bin/velocious.js")
const files = 50
const testsPerFile = 20
const rounds = Number(process.env.ROUNDS || 5)
const work = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-bench-runner-"))
const marker = path.join(work, "first-test-at")

const firstTestLine = (api) => `${api}("marks the first test", () => { if (!fs.existsSync(${JSON.stringify(marker)})) fs.writeFileSync(${JSON.stringify(marker)}, String(Date.now())) })`

function writeSuites() {
  const velociousDir = path.join(work, "velocious")
  const nodeDir = path.join(work, "node")

  fs.mkdirSync(velociousDir)
  fs.mkdirSync(nodeDir)

  for (let file = 0; file < files; file++) {
    const tests = Array.from({length: testsPerFile - 1}, (_, index) => `  it("adds ${index}", () => { assert.equal(${index} + 1, ${index + 1}) })`)
    const body = [`  ${firstTestLine("it")}`, ...tests].join("\n")

    fs.writeFileSync(path.join(velociousDir, `file-${file}-spec.mjs`), [
      `import fs from "node:fs"`,
      `import assert from "node:assert/strict"`,
      `import {describe, it} from ${JSON.stringify(path.join(root, "build/src/testing/test.js"))}`,
      `describe("file ${file}", () => {`,
      body,
      `})`
    ].join("\n"))
    fs.writeFileSync(path.join(nodeDir, `file-${file}.test.mjs`), [
      `import fs from "node:fs"`,
      `import assert from "node:assert/strict"`,
      `import {describe, it} from "node:test"`,
      `describe("file ${file}", () => {`,
      body,
      `})`
    ].join("\n"))
  }

  return {velociousDir, nodeDir}
}

function timeRun(args, cwd) {
  fs.rmSync(marker, {force: true})

  const started = Date.now()
  const result = spawnSync(process.execPath, args, {cwd, encoding: "utf8"})
  const finished = Date.now()

  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`)

  return {total: finished - started, startup: Number(fs.readFileSync(marker, "utf8")) - started, stdout: result.stdout}
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)

  return sorted[Math.floor(sorted.length / 2)]
}

const {velociousDir, nodeDir} = writeSuites()
const nodeFiles = fs.readdirSync(nodeDir).map((file) => path.join(nodeDir, file))
const velociousRuns = []
const nodeRuns = []

for (let round = 0; round < rounds; round++) {
  velociousRuns.push(timeRun([bin, "test", velociousDir], work))
  nodeRuns.push(timeRun(["--test", ...nodeFiles], work))
}

const lastLine = velociousRuns[0].stdout.trimEnd().split("\n").at(-1)

if (lastLine !== `${files * testsPerFile} passed, 0 failed`) throw new Error(`unexpected summary: ${lastLine}`)

const velocious = {total: median(velociousRuns.map((run) => run.total)), startup: median(velociousRuns.map((run) => run.startup))}
const node = {total: median(nodeRuns.map((run) => run.total)), startup: median(nodeRuns.map((run) => run.startup))}

console.log(`${files * testsPerFile} tests in ${files} files, median of ${rounds} rounds`)
console.log(`velocious test: ${velocious.total} ms total, ${velocious.startup} ms to the first test (targets: < 1500 ms, < 300 ms)`)
console.log(`node --test:    ${node.total} ms total, ${node.startup} ms to the first test`)
console.log(`ratio velocious / node --test: ${(velocious.total / node.total).toFixed(2)} (target: <= 1.00)`)

fs.rmSync(work, {recursive: true, force: true})
