// HTTP benchmark (not a test): Velocious router + controller against raw node:http, Fastify 5
// and Express 5 on a hello-JSON route, and an ORM route rendering 20 rows against raw
// node:http + better-sqlite3; then the Velocious server's RSS after 10k and 100k requests.
// Every server runs in its own child process; the same load generator drives them all.
//
//   npm run bench:http                # BENCH_SECONDS=5 BENCH_CONNECTIONS=32 BENCH_ROUNDS=3
import {fork} from "node:child_process"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {createBenchApp} from "./app.mjs"
import {load} from "./load.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const seconds = Number(process.env.BENCH_SECONDS || 5)
const connections = Number(process.env.BENCH_CONNECTIONS || 32)
const rounds = Number(process.env.BENCH_ROUNDS || 3)
const app = createBenchApp()
const childEnv = {...process.env, VELOCIOUS_ENV: "production", BENCH_APP_DIRECTORY: app.directory, BENCH_SQLITE_FILE: app.sqliteFile}

const children = new Set()

// A failed run must not leave servers behind.
process.on("exit", () => { for (const child of children) child.kill("SIGKILL") })

function startServer(side) {
  const child = fork(path.join(here, "server-child.mjs"), [side], {cwd: app.directory, env: childEnv, execArgv: ["--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"]})

  children.add(child)
  child.once("exit", () => children.delete(child))

  return new Promise((resolve, reject) => {
    child.once("message", ({port}) => resolve({
      port,
      rss: () => new Promise((answered) => {
        child.once("message", (message) => answered(message))
        child.send("rss")
      }),
      stop: () => new Promise((stopped) => { child.once("exit", stopped); child.kill("SIGKILL") })
    }))
    child.once("exit", (code) => reject(new Error(`${side} server exited with ${code} before listening`)))
  })
}

/** Best of `rounds` runs per side (after a warm-up), sides alternating so none always goes first. */
async function compare(scenario, sides, urlPath) {
  const servers = Object.fromEntries(await Promise.all(sides.map(async (side) => [side, await startServer(side)])))
  const best = {}

  for (const side of sides) await load({port: servers[side].port, path: urlPath, connections, durationMs: 1000})

  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < sides.length; index++) {
      const side = sides[(index + round) % sides.length]
      const result = await load({port: servers[side].port, path: urlPath, connections, durationMs: seconds * 1000})

      if (!best[side] || result.rps > best[side].rps) best[side] = result
    }
  }

  await Promise.all(Object.values(servers).map((server) => server.stop()))

  console.log(`\n${scenario} (${connections} connections, best of ${rounds} × ${seconds}s)`)
  console.log(`${"side".padEnd(12)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`)
  for (const side of sides) {
    const {rps, p50, p99} = best[side]

    console.log(`${side.padEnd(12)} ${rps.toFixed(0).padStart(9)} ${p50.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)}`)
  }

  return best
}

function ratio(label, value, target) {
  console.log(`${label.padEnd(34)} ${value.toFixed(2)}×  (target ≥ ${target}×) ${value >= target ? "ok" : "MISSED"}`)
}

// BENCH_ONLY=rss skips the comparisons.
const only = process.env.BENCH_ONLY

try {
  if (only !== "rss") await comparisons()
  await memory()
} finally {
  app.cleanup()
}

async function comparisons() {
  const hello = await compare("GET /hello → {hello: \"world\"}", ["velocious", "raw-hello", "fastify", "express"], "/hello")
  const tasks = await compare("GET /tasks → 20 rows as JSON", ["velocious", "raw-tasks"], "/tasks")

  console.log("\nRatios (req/s)")
  ratio("hello: velocious / raw node:http", hello.velocious.rps / hello["raw-hello"].rps, 0.85)
  ratio("hello: velocious / fastify", hello.velocious.rps / hello.fastify.rps, 1)
  ratio("hello: velocious / express", hello.velocious.rps / hello.express.rps, 1)
  ratio("20 rows: velocious / raw + sqlite", tasks.velocious.rps / tasks["raw-tasks"].rps, 0.7)
}

async function memory() {
  const rssSide = process.env.BENCH_RSS_SIDE || "velocious"
  const server = await startServer(rssSide)

  const rssPath = process.env.BENCH_RSS_PATH || "/tasks"

  await load({port: server.port, path: rssPath, connections, requests: 10_000, durationMs: 600_000})
  const after10k = await server.rss()

  await load({port: server.port, path: rssPath, connections, requests: 90_000, durationMs: 600_000})
  const after100k = await server.rss()

  await server.stop()

  const growth = after100k.rss / after10k.rss - 1
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`

  console.log(`\n${rssSide} memory after a full GC (GET ${rssPath}): RSS ${mb(after10k.rss)} after 10k requests, ${mb(after100k.rss)} after 100k (${(growth * 100).toFixed(1)}%, target within 10%) ${Math.abs(growth) <= 0.1 ? "ok" : "MISSED"}`)
  console.log(`V8 heap used ${mb(after10k.heapUsed)} → ${mb(after100k.heapUsed)}, heap total ${mb(after10k.heapTotal)} → ${mb(after100k.heapTotal)}, external ${mb(after10k.external)} → ${mb(after100k.external)}`)
}
