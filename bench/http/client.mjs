// The load client bench:http measures with, in its own process: wrk (1 thread, `connections`
// keep-alive connections) when it is installed, else the Node client in load-child.mjs, which
// costs more CPU per request and so saturates sooner. With two or more cores the client and
// the server are pinned to different cores (taskset), so neither steals the other's core, and
// the client's CPU share is measured: a client near 100% of its core is the bottleneck, and a
// ratio against a server it could not saturate says nothing about that server.
import {execFileSync, fork, spawn} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))

function has(command) {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], {stdio: "ignore"})

    return true
  } catch {
    return false
  }
}

const cores = os.availableParallelism?.() ?? os.cpus().length
const useWrk = process.env.BENCH_CLIENT !== "node" && has("wrk")
const pin = cores >= 2 && has("taskset") && process.env.BENCH_PIN !== "0"
export const serverCore = 0
export const clientCore = 1

export function describeClient() {
  const client = useWrk ? "wrk -t1" : "Node http client (install wrk for a cheaper client: apt-get install -y wrk)"
  const pinning = pin ? `client pinned to core ${clientCore}, servers to core ${serverCore}` : `not pinned (${cores < 2 ? "one core" : "taskset missing or BENCH_PIN=0"}): client and server share the cores`

  return `${client}; ${pinning}; ${cores} cores`
}

/** Pins a running server process to the server core (when pinning). */
export function pinServer(pid) {
  if (pin) execFileSync("taskset", ["-pc", String(serverCore), String(pid)], {stdio: "ignore"})
}

/** Pins a running load-client process to the client core (when pinning). */
export function pinClient(pid) {
  if (pin) execFileSync("taskset", ["-pc", String(clientCore), String(pid)], {stdio: "ignore"})
}

/** CPU seconds (user + system) of a process so far, from /proc; undefined where there is none. */
function cpuSecondsOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")

    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the "(comm) " part.
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

function runWrk({port, urlPath, connections, durationMs}) {
  const args = ["-t1", `-c${connections}`, `-d${Math.max(1, Math.round(durationMs / 1000))}s`, "--latency", `http://127.0.0.1:${port}${urlPath}`]
  const command = pin ? "taskset" : "wrk"
  const child = spawn(command, pin ? ["-c", String(clientCore), "wrk", ...args] : args, {stdio: ["ignore", "pipe", "inherit"]})
  let output = ""
  let cpuSeconds
  const started = performance.now()

  child.stdout.on("data", (chunk) => { output += chunk })

  // taskset execs wrk, so the pid is wrk's. /proc/<pid> goes when it exits, so the last
  // reading before then stands for its CPU time (under 0.1 s short).
  const poll = setInterval(() => { cpuSeconds = cpuSecondsOf(child.pid) ?? cpuSeconds }, 100)

  return new Promise((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${output}`))

      const elapsedSeconds = (performance.now() - started) / 1000
      const requests = Number(/(\d+) requests in/.exec(output)?.[1])
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1])
      const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: .*/.exec(output)

      if (errors) return reject(new Error(`wrk saw errors against ${urlPath}: ${errors[0]}`))

      resolve({requests, rps, p50: latencyMs(output, "50%"), p99: latencyMs(output, "99%"), clientCpuShare: cpuSeconds === undefined ? undefined : cpuSeconds / elapsedSeconds})
    })
  })
}

function latencyMs(output, label) {
  const match = new RegExp(`^\\s+${label.replace("%", "%")}\\s+([\\d.]+)(us|ms|s)`, "m").exec(output)

  if (!match) return NaN

  return Number(match[1]) * {us: 0.001, ms: 1, s: 1000}[match[2]]
}

function runNodeClient({port, urlPath, connections, durationMs}) {
  const child = fork(path.join(here, "load-child.mjs"), [String(port), urlPath, String(connections), String(durationMs)], {stdio: ["ignore", "inherit", "inherit", "ipc"]})

  pinClient(child.pid)

  return new Promise((resolve, reject) => {
    let result

    child.once("message", (message) => { result = message })
    child.on("error", reject)
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`load client exited with ${code}`))))
  })
}

/** {requests, rps, p50, p99, clientCpuShare} for one timed run against a server. */
export function runClient(options) {
  return useWrk ? runWrk(options) : runNodeClient(options)
}
