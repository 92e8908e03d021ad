import {spawn} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {makeTmpDirectory, readLines} from "./support/helpers.js"

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), "support", "logging-child.mjs")
const count = 5000

interface ChildResult {
  code: number | null
  signal: string | null
  stdout: string
  stderr: string
}

/** Runs logging-child.mjs; `onStderr` sees stderr as it arrives (to send a signal on "ready"). */
function runChild({args, onStderr, closeStdout = false}: {args: string[], onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void, closeStdout?: boolean}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, ...args], {stdio: ["ignore", "pipe", "pipe"]})
    let stdout = ""
    let stderr = ""
    const timeout = setTimeout(() => { process_.kill("SIGKILL"); reject(new Error(`logging child timed out; stderr: ${stderr}`)) }, 20000)

    // Closing our end makes the child's writes to stdout fail with EPIPE.
    if (closeStdout) process_.stdout.destroy()
    else process_.stdout.on("data", (chunk) => { stdout += chunk })

    process_.stderr.on("data", (chunk) => {
      stderr += chunk
      onStderr?.(stderr, (signal) => process_.kill(signal))
    })
    process_.on("error", reject)
    process_.on("close", (code, signal) => {
      clearTimeout(timeout)
      resolve({code, signal, stdout, stderr})
    })
  })
}

function expectEveryLine({stdout, file}: {stdout: string, file: string}) {
  const consoleLines = stdout.split("\n").filter((line) => line !== "")
  const fileLines = readLines(file)

  expect(consoleLines.length).toBe(count)
  expect(consoleLines[count - 1]).toBe(`[info] Child: line ${count - 1}`)
  expect(fileLines.length).toBe(count)
  expect(fileLines[count - 1].endsWith(`[info] Child: line ${count - 1}`)).toBe(true)
}

describe("Buffered logging at process exit", () => {
  it("keeps every console and file line when the app calls Configuration#close and exits", async () => {
    const tmp = makeTmpDirectory()
    const result = await runChild({args: ["close", tmp, String(count)]})

    expect(result.code).toBe(0)
    expectEveryLine({stdout: result.stdout, file: path.join(tmp, "log", "test.log")})
  })

  it("keeps every line when an app that does not handle SIGTERM is terminated, and still dies of the signal", async () => {
    const tmp = makeTmpDirectory()
    let sent = false
    const result = await runChild({
      args: ["sigterm", tmp, String(count)],
      onStderr: (text, kill) => {
        if (!sent && text.includes("ready")) {
          sent = true
          kill("SIGTERM")
        }
      }
    })

    expect(result.signal).toBe("SIGTERM")
    expectEveryLine({stdout: result.stdout, file: path.join(tmp, "log", "test.log")})
  })

  it("keeps every line when the process crashes with an uncaught exception", async () => {
    const tmp = makeTmpDirectory()
    const result = await runChild({args: ["crash", tmp, String(count)]})

    expect(result.code).toBe(1)
    expect(result.stderr.includes("crash after logging")).toBe(true)
    expectEveryLine({stdout: result.stdout, file: path.join(tmp, "log", "test.log")})
  })

  it("reports a full disk once and keeps running", async () => {
    // Skipped where /dev/full does not exist (it is Linux-only).
    if (!fs.existsSync("/dev/full")) return

    const result = await runChild({args: ["keep-logging", makeTmpDirectory(), "100", "/dev/full"]})
    const reports = result.stderr.split("\n").filter((line) => line.startsWith("Velocious could not write to the log file /dev/full"))

    expect(result.code).toBe(0)
    expect(result.stderr.includes("done")).toBe(true)
    expect(reports.length).toBe(1)
    expect(reports[0].includes("ENOSPC")).toBe(true)
    // Console lines still go out when the file cannot be written.
    expect(result.stdout.split("\n").filter((line) => line.startsWith("[info] Child: more 9 ")).length).toBe(50)
  })

  it("reports a closed stdout (EPIPE) once and keeps running", async () => {
    const tmp = makeTmpDirectory()
    const result = await runChild({args: ["keep-logging", tmp, "100"], closeStdout: true})
    const reports = result.stderr.split("\n").filter((line) => line.startsWith("Velocious console logging to stdout failed"))

    expect(result.code).toBe(0)
    expect(result.stderr.includes("done")).toBe(true)
    expect(reports.length).toBe(1)
    expect(reports[0].includes("EPIPE")).toBe(true)
    // The file output is unaffected: the first 100 lines plus ten rounds of 50.
    expect(readLines(path.join(tmp, "log", "test.log")).length).toBe(600)
  })
})
