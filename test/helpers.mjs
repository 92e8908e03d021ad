import assert from "node:assert/strict"
import {execFileSync, spawn, spawnSync} from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
export const bin = path.join(root, "build/bin/velocious.js")

export function fixture(name) {
  return path.join(root, "test/fixtures", name)
}

/** Runs the built CLI in `cwd` and returns its exit status and output. */
export function velocious(args, {cwd = root, env = {}, timeout = 60_000} = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: {...process.env, VELOCIOUS_ENV: "", NODE_ENV: "", ...env},
    timeout
  })

  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Markers the fixtures print; progress dots may stand before them on the same line. */
export function markers(stdout, prefix) {
  return [...stdout.matchAll(new RegExp(`${prefix}:([^\\n]+)`, "g"))].map((match) => match[1])
}

export function ranTests(stdout) {
  return markers(stdout, "RAN").sort()
}

export function lastLine(stdout) {
  return stdout.trimEnd().split("\n").at(-1)
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()

    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const {port} = server.address()

      server.close(() => resolve(port))
    })
  })
}

async function waitUntilAnswering(baseUrl, child, output) {
  const deadline = Date.now() + 60_000

  while (Date.now() < deadline) {
    if (child.exitCode !== null) assert.fail(`the server exited with ${child.exitCode} before answering:\n${output()}`)

    try {
      await (await fetch(`${baseUrl}/`)).arrayBuffer()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  assert.fail(`no answer from ${baseUrl} within 60 s:\n${output()}`)
}

/**
 * The app's installed `velocious server` (what npx runs: npx itself dies of the signal instead
 * of passing on the server's exit status) on a free port until `callback(baseUrl)` is done;
 * then SIGTERM, which must drain and exit 0.
 */
export async function withAppServer(app, env, callback) {
  const port = await freePort()
  const child = spawn(path.join(app, "node_modules/.bin/velocious"), ["server", "--port", String(port)], {cwd: app, env, stdio: ["ignore", "pipe", "pipe"]})
  const baseUrl = `http://127.0.0.1:${port}`
  let output = ""

  child.stdout.on("data", (chunk) => { output += chunk })
  child.stderr.on("data", (chunk) => { output += chunk })

  try {
    await waitUntilAnswering(baseUrl, child, () => output)

    return await callback(baseUrl)
  } finally {
    const exited = child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", (code) => resolve(code)))

    child.kill("SIGTERM")
    assert.equal(await exited, 0, `the server should drain and exit 0 on SIGTERM:\n${output}`)
  }
}

/** A temporary folder holding the packed package, as `npm install <tarball>` stands in for the registry; removed by cleanup(). */
export function packIntoTemporaryFolder(prefix) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {cwd: root, encoding: "utf8"}))

  return {work, tarball: path.join(work, packed[0].filename), cleanup: () => fs.rmSync(work, {recursive: true, force: true})}
}
