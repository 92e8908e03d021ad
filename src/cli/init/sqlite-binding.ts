import {spawn} from "node:child_process"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {bindingFailureSummary, nativeBindingAdvice} from "../../database/drivers/sqlite/load-better-sqlite3.js"

interface Output {
  write(text: string): unknown
}

export type BindingStatus = {status: "loads"} | {status: "missing"} | {status: "broken", message: string}

// Run in a fresh Node, so a binding that failed to load (or was just rebuilt) is judged as the
// app will see it, and a crash in native code cannot take init down. Resolves from the app
// first (what the app loads), then from Velocious itself (an app with no node_modules yet).
const probeSource = `
const {createRequire} = require("node:module")
let Database
for (const from of process.argv.slice(1)) {
  try { Database = createRequire(from)("better-sqlite3"); break } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND" || !String(error.message).includes("better-sqlite3")) { process.stderr.write(String(error.message)); process.exit(4) }
  }
}
if (!Database) process.exit(3)
try { new Database(":memory:").close() } catch (error) { process.stderr.write(String(error.message)); process.exit(4) }
`

/** Whether better-sqlite3 and its native binding load from the app folder. */
export function checkSqliteBinding(cwd: string): Promise<BindingStatus> {
  const from = [path.join(cwd, "package.json"), fileURLToPath(import.meta.url)]

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", probeSource, ...from], {cwd, stdio: ["ignore", "ignore", "pipe"]})
    let stderr = ""

    child.stderr.on("data", (chunk) => { stderr += chunk })
    child.on("error", reject)
    child.on("close", (code, signal) => {
      if (code === 0) resolve({status: "loads"})
      else if (code === 3) resolve({status: "missing"})
      else resolve({status: "broken", message: bindingFailureSummary(stderr.trim()) || `the check exited with ${code ?? signal}`})
    })
  })
}

/** `npm rebuild better-sqlite3` in the app, its output passed through; resolves with the exit code. */
export function rebuildSqliteBinding(cwd: string, output: {stdout: Output, stderr: Output}): Promise<number> {
  return new Promise((resolve) => {
    // npm is npm.cmd on Windows, which only runs through a shell.
    const child = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["rebuild", "better-sqlite3"], {cwd, stdio: ["ignore", "pipe", "pipe"], shell: process.platform === "win32"})

    child.stdout.on("data", (chunk) => output.stdout.write(String(chunk)))
    child.stderr.on("data", (chunk) => output.stderr.write(String(chunk)))
    child.on("error", (error) => {
      output.stderr.write(`Could not run npm: ${error.message}\n`)
      resolve(127)
    })
    child.on("close", (code) => resolve(code ?? 1))
  })
}

/** Returns whether SQLite will work: the binding loads, or loads after `npm rebuild better-sqlite3`. */
export async function ensureSqliteBinding(cwd: string, {stdout, stderr}: {stdout: Output, stderr: Output}): Promise<boolean> {
  const before = await checkSqliteBinding(cwd)

  if (before.status === "loads") return true

  if (before.status === "missing") {
    stderr.write("better-sqlite3 (SQLite for Velocious) is not installed in this folder. Run `npm install` here, then `npx velocious init` again to check it.\n")

    return false
  }

  stdout.write(`better-sqlite3's native binding does not load (${before.message}).\n`)
  stdout.write("Running `npm rebuild better-sqlite3` to build it (this compiles SQLite and takes a minute or two)...\n")

  const exitCode = await rebuildSqliteBinding(cwd, {stdout, stderr})
  const after = await checkSqliteBinding(cwd)

  if (after.status === "loads") {
    stdout.write("better-sqlite3 now loads.\n")

    return true
  }

  const reason = after.status === "broken" ? after.message : "better-sqlite3 is not installed"

  stderr.write(`\nSQLite will not work yet: \`npm rebuild better-sqlite3\` exited with ${exitCode} and better-sqlite3 still does not load (${reason}).\n${nativeBindingAdvice}\n`)

  return false
}
