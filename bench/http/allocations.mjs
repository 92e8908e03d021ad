// What each side allocates per request, by the function that allocated it: a census for the
// garbage side of a request's cost, which instruction counts (instructions.mjs) do not show. The
// young generation is cheap to allocate in but not free: more bytes per request are more
// scavenges and more cache lines touched. Counts every allocation, short-lived ones included
// (the inspector's allocation tracking; the sampling heap profiler keeps only what is still
// alive). Tracking slows the server down many times over, so this says nothing about speed.
//
//   node bench/http/allocations.mjs                  # velocious, raw-hello, fastify on /hello
//   BENCH_SIDES=velocious+log BENCH_TOP=40 node bench/http/allocations.mjs
import {fork} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {createBenchApp} from "./app.mjs"
import {load} from "./load.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const sides = (process.env.BENCH_SIDES || "velocious,raw-hello,fastify").split(",")
const urlPath = process.env.BENCH_PATH || "/hello"
const requests = Number(process.env.BENCH_REQUESTS || 5000)
const warmupRequests = Number(process.env.BENCH_WARMUP || 20000)
const top = Number(process.env.BENCH_TOP || 25)
const {workerExecArgv} = await import(path.resolve(here, "../../build/src/http-server/cluster/worker-exec-argv.js"))
const app = createBenchApp()

function startServer(side) {
  const logging = side.endsWith("+log")
  const stdout = logging ? fs.openSync(path.join(app.directory, `${side}.stdout.log`), "a") : "ignore"
  const env = {...process.env, VELOCIOUS_ENV: "production", BENCH_APP_DIRECTORY: app.directory, BENCH_SQLITE_FILE: app.sqliteFile, ...(logging ? {BENCH_LOGGING: "1"} : {})}
  const child = fork(path.join(here, "server-child.mjs"), [side.replace(/\+log$/, "")], {cwd: app.directory, env, execArgv: workerExecArgv([]), stdio: ["ignore", stdout, "inherit", "ipc"]})

  if (typeof stdout === "number") fs.closeSync(stdout)

  const ask = (question) => new Promise((answered) => {
    child.once("message", answered)
    child.send(question)
  })

  return new Promise((resolve, reject) => {
    child.once("message", ({port}) => resolve({child, port, ask}))
    child.once("exit", (code) => reject(new Error(`${side} exited with ${code} before listening`)))
  })
}

try {
  for (const side of sides) {
    const {child, port, ask} = await startServer(side)

    try {
      await load({port, path: urlPath, connections: 4, requests: warmupRequests, durationMs: 600_000})
      await ask("track-allocations")

      const {requests: sent} = await load({port, path: urlPath, connections: 4, requests, durationMs: 600_000})
      const {allocations} = await ask("allocations")
      // The inspector's own messages are allocated in the server too: left out of the totals.
      const rows = Object.entries(allocations).filter(([key]) => !/ (node:)?inspector(\.js)?:/.test(key)).sort((a, b) => b[1].bytes - a[1].bytes)
      const bytes = rows.reduce((sum, [, total]) => sum + total.bytes, 0)
      const objects = rows.reduce((sum, [, total]) => sum + total.count, 0)

      console.log(`\n${side} GET ${urlPath}: ${(bytes / sent).toFixed(0)} bytes in ${(objects / sent).toFixed(1)} objects per request (${sent} requests); the top ${top} by bytes:`)
      for (const [key, total] of rows.slice(0, top)) console.log(`${(total.bytes / sent).toFixed(0).padStart(7)} B ${(total.count / sent).toFixed(2).padStart(6)}  ${key}`)
    } finally {
      await new Promise((stopped) => { child.once("exit", stopped); child.kill("SIGKILL") })
    }
  }
} finally {
  app.cleanup()
}
