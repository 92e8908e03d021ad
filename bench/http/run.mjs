// HTTP benchmark (not a test): Velocious router + controller against raw node:http, Fastify 5
// and Express 5 on a hello-JSON route, and an ORM route rendering 20 rows against raw
// node:http + better-sqlite3; then the Velocious server's RSS after 10k and 100k requests.
// Every server runs in its own child process; the same load generator drives them all.
//
//   npm run bench:http                # BENCH_SECONDS=3 BENCH_CONNECTIONS=32 BENCH_ROUNDS=7
//   BENCH_ONLY=rss BENCH_RSS_SIDE=raw-tasks npm run bench:http   # memory only, of another side
import {fork} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {createBenchApp} from "./app.mjs"
import {describeClient, pinServer, runClient} from "./client.mjs"
import {load} from "./load.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const seconds = Number(process.env.BENCH_SECONDS || 3)
const connections = Number(process.env.BENCH_CONNECTIONS || 32)
const rounds = Number(process.env.BENCH_ROUNDS || 7)
const {workerExecArgv} = await import(path.resolve(here, "../../build/src/http-server/cluster/worker-exec-argv.js"))
const app = createBenchApp()
// Extra node flags for the servers, e.g. BENCH_SERVER_FLAGS="--max-semi-space-size=4" to see how the young generation's size shows in RSS.
const extraFlags = (process.env.BENCH_SERVER_FLAGS || "").split(/\s+/).filter(Boolean)
// Every server, not only ours, runs with the node flags velocious' cluster primary gives its
// production workers (the young generation's starting size), so the comparisons are between
// the servers' code, not V8 settings.
const serverFlags = workerExecArgv(extraFlags)
const childEnv = {...process.env, VELOCIOUS_ENV: "production", BENCH_APP_DIRECTORY: app.directory, BENCH_SQLITE_FILE: app.sqliteFile}

const children = new Set()

// A failed run must not leave servers behind.
process.on("exit", () => { for (const child of children) child.kill("SIGKILL") })

// A side ending in "+log" is the same server with request logging on: Velocious with the
// README's `logging: {console: true, file: true}`, Fastify with `logger: true`. Its stdout goes
// to a file, as under a process manager that keeps it, rather than to this terminal.
function startServer(side) {
  const logging = side.endsWith("+log")
  const stdout = logging ? fs.openSync(path.join(app.directory, `${side}.stdout.log`), "a") : "inherit"
  const env = logging ? {...childEnv, BENCH_LOGGING: "1"} : childEnv
  const child = fork(path.join(here, "server-child.mjs"), [side.replace(/\+log$/, "")], {cwd: app.directory, env, execArgv: ["--expose-gc", ...serverFlags], stdio: ["ignore", stdout, "inherit", "ipc"]})

  if (typeof stdout === "number") fs.closeSync(stdout)
  pinServer(child.pid)
  children.add(child)
  child.once("exit", () => children.delete(child))

  return new Promise((resolve, reject) => {
    const ask = (question) => new Promise((answered) => {
      child.once("message", (message) => answered(message))
      child.send(question)
    })

    child.once("message", ({port}) => resolve({
      port,
      rss: () => ask("rss"),
      cpuUsage: async () => {
        const {cpu} = await ask("cpu")

        return cpu
      },
      stop: () => new Promise((stopped) => { child.once("exit", stopped); child.kill("SIGKILL") })
    }))
    child.once("exit", (code) => reject(new Error(`${side} server exited with ${code} before listening`)))
  })
}

/**
 * `rounds` timed runs per side (after a warm-up). The sides take turns within a round, forward in
 * even rounds and backward in odd ones, so sides next to each other in `sides` always run back to
 * back, each going first half the time: the ratios are the median, over rounds, of one side's req/s
 * against the other's in the same round (pairedRatio), as in bench:orm. This machine's speed drifts
 * by up to a factor of two over tens of seconds (other tenants of the host), which a best-of ratio
 * takes from two different moments; a round's pair saw the same machine. The table shows each
 * side's best round (req/s, latencies) and its least CPU per request; CPU per request is the
 * server's own cost and holds up better when other work competes for the cores.
 */
async function compare(scenario, sides, urlPath) {
  const servers = Object.fromEntries(await Promise.all(sides.map(async (side) => [side, await startServer(side)])))
  const best = {}

  for (const side of sides) await runClient({port: servers[side].port, urlPath, connections, durationMs: 1000})

  const perRound = Object.fromEntries(sides.map((side) => [side, []]))

  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse()

    for (const side of order) {
      const cpuBefore = await servers[side].cpuUsage()
      const result = await runClient({port: servers[side].port, urlPath, connections, durationMs: seconds * 1000})
      const cpuAfter = await servers[side].cpuUsage()
      const userCpu = cpuAfter.user - cpuBefore.user
      const systemCpu = cpuAfter.system - cpuBefore.system
      const cpuPerRequest = (userCpu + systemCpu) / result.requests
      const previous = best[side]
      // The user/kernel split is the one of the round with the least CPU per request.
      const leastCpu = !previous || cpuPerRequest < previous.cpuPerRequest
        ? {cpuPerRequest, userPerRequest: userCpu / result.requests, systemPerRequest: systemCpu / result.requests}
        : {cpuPerRequest: previous.cpuPerRequest, userPerRequest: previous.userPerRequest, systemPerRequest: previous.systemPerRequest}

      perRound[side].push({rps: result.rps, cpuPerRequest})
      best[side] = {
        ...(!previous || result.rps > previous.rps ? {...result, serverCpuShare: (userCpu + systemCpu) / 1e6 / seconds} : previous),
        ...leastCpu,
        rounds: perRound[side]
      }
    }
  }

  await Promise.all(Object.values(servers).map((server) => server.stop()))

  const percent = (share) => (share === undefined ? "n/a" : `${(share * 100).toFixed(0)}%`)

  console.log(`\n${scenario} (${connections} connections, ${rounds} rounds × ${seconds}s; req/s and latencies of the best round)`)
  console.log(`${"side".padEnd(14)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"CPU µs/req".padStart(11)} ${"user".padStart(6)} ${"kernel".padStart(6)} ${"server CPU".padStart(10)} ${"client CPU".padStart(10)}`)
  for (const side of sides) {
    const {rps, p50, p99, cpuPerRequest, userPerRequest, systemPerRequest, serverCpuShare, clientCpuShare} = best[side]

    console.log(`${side.padEnd(14)} ${rps.toFixed(0).padStart(9)} ${p50.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)} ${cpuPerRequest.toFixed(1).padStart(11)} ${userPerRequest.toFixed(1).padStart(6)} ${systemPerRequest.toFixed(1).padStart(6)} ${percent(serverCpuShare).padStart(10)} ${percent(clientCpuShare).padStart(10)}`)
  }
  // CPU shares are of one core over the run. A client at ~100% of its core was the bottleneck,
  // so that side's req/s is the client's limit and ratios against it understate the others.
  for (const side of sides) {
    const {clientCpuShare} = best[side]

    if (clientCpuShare !== undefined && clientCpuShare >= clientSaturated) {
      console.log(`WARNING: ${side}: the load client used ${percent(clientCpuShare)} of a core, so it, not the server, may have set this req/s; compare by CPU µs/req instead`)
    }
  }

  return best
}

const clientSaturated = 0.9

/** a's req/s against b's, round by round (see compare()). */
function roundRatios(a, b) {
  return a.rounds.map((round, index) => round.rps / b.rounds[index].rps)
}

/** The median over rounds of a's req/s against b's in the same round. */
function pairedRatio(a, b) {
  const ratios = roundRatios(a, b).sort((x, y) => x - y)
  const middle = ratios.length >> 1

  return ratios.length % 2 === 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2
}

/**
 * A target ratio: the paired median (judged), the ratio of the two best rounds beside it, and
 * the range of the rounds' ratios, which shows how much the machine moved during the run.
 */
function ratio(label, a, b, target) {
  const value = pairedRatio(a, b)
  const perRound = roundRatios(a, b)

  console.log(`${label.padEnd(40)} ${value.toFixed(2)}×  (target ≥ ${target}×) ${value >= target ? "ok" : "MISSED"}   best rounds: ${(a.rps / b.rps).toFixed(2)}×   rounds: ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}`)
}

// BENCH_ONLY=rss skips the comparisons; BENCH_ONLY=logging runs only the logging comparison
// (for trying a change to logging: about a minute instead of three and a half).
const only = process.env.BENCH_ONLY

try {
  if (only === "logging") await loggingComparison()
  else if (only !== "rss") await comparisons()
  if (only !== "logging") await memory()
} finally {
  app.cleanup()
}

async function comparisons() {
  console.log(`Load client: ${describeClient()}`)

  const hello = await compare("GET /hello → {hello: \"world\"}", ["raw-hello", "velocious", "fastify", "express", "raw-hello-als", "raw-hello-10us"], "/hello")
  // Second row: the servers with request logging on (raw node:http again, as the same run's
  // baseline), and Velocious without logging again, so logging's cost is measured between
  // rounds of one comparison rather than across two that ran a minute apart.
  const helloLogged = await compareLogging()
  const tasks = await compare("GET /tasks → 20 rows as JSON", ["velocious", "raw-tasks"], "/tasks")

  console.log("\nRatios (req/s)")
  ratio("hello: velocious / raw node:http", hello.velocious, hello["raw-hello"], 0.85)
  ratio("hello: velocious / fastify", hello.velocious, hello.fastify, 1)
  ratio("hello: velocious / express", hello.velocious, hello.express, 1)
  ratio("hello, logging on: velocious / raw", helloLogged["velocious+log"], helloLogged["raw-hello"], 0.75)
  ratio("hello, logging on: velocious / fastify", helloLogged["velocious+log"], helloLogged["fastify+log"], 1)
  // Logging may cost at most 10% of hello throughput: logging on against off, in the same comparison.
  ratio("hello: velocious logging on / off", helloLogged["velocious+log"], helloLogged.velocious, 0.9)
  ratio("20 rows: velocious / raw + sqlite", tasks.velocious, tasks["raw-tasks"], 0.8)

  // Not targets; the same comparisons by server CPU per request (raw's cost / ours).
  console.log("\nBy server CPU per request (informational)")
  console.log(`${"hello: velocious vs raw node:http".padEnd(40)} ${(hello["raw-hello"].cpuPerRequest / hello.velocious.cpuPerRequest).toFixed(2)}×`)
  // raw-hello-als is raw node:http with one AsyncLocalStorage.run() per request: on Node 20 that
  // turns on async_hooks for every promise and socket write in the process, which any server
  // that gives each request its own async context (Velocious pins a database connection) pays.
  console.log(`${"hello: raw + AsyncLocalStorage vs raw".padEnd(40)} ${(hello["raw-hello"].cpuPerRequest / hello["raw-hello-als"].cpuPerRequest).toFixed(2)}×`)
  console.log(`${"hello: velocious vs raw + AsyncLocalStorage".padEnd(40)} ${(hello["raw-hello-als"].cpuPerRequest / hello.velocious.cpuPerRequest).toFixed(2)}×`)
  console.log(`${"hello: velocious vs fastify".padEnd(40)} ${(hello.fastify.cpuPerRequest / hello.velocious.cpuPerRequest).toFixed(2)}×`)
  console.log(`${"hello, logging on: vs raw".padEnd(40)} ${(helloLogged["raw-hello"].cpuPerRequest / helloLogged["velocious+log"].cpuPerRequest).toFixed(2)}×`)
  printLoggingCost(helloLogged)
  console.log(`${"20 rows: velocious vs raw + sqlite".padEnd(40)} ${(tasks["raw-tasks"].cpuPerRequest / tasks.velocious.cpuPerRequest).toFixed(2)}×`)

  // The control: the same raw server with 10 µs more user-space work per request. Over loopback
  // its kernel time rises too, because its client now waits and waking a waiting client is
  // done (and counted) in the server's writev(). A remote client would not add that to the
  // server, so a slower server's CPU ratio here is partly this effect, not its own code.
  const raw = hello["raw-hello"]
  const control = hello["raw-hello-10us"]
  const velocious = hello.velocious

  console.log("\nLoopback control (informational): raw node:http spinning 10 µs more per request")
  console.log(`${"user µs/req: raw, +10 µs, velocious".padEnd(40)} ${raw.userPerRequest.toFixed(1)}, ${control.userPerRequest.toFixed(1)}, ${velocious.userPerRequest.toFixed(1)}`)
  console.log(`${"kernel µs/req: raw, +10 µs, velocious".padEnd(40)} ${raw.systemPerRequest.toFixed(1)}, ${control.systemPerRequest.toFixed(1)} (+${(control.systemPerRequest - raw.systemPerRequest).toFixed(1)} from the wait alone), ${velocious.systemPerRequest.toFixed(1)}`)
  console.log(`${"hello by user CPU: velocious vs raw".padEnd(40)} ${(raw.userPerRequest / velocious.userPerRequest).toFixed(2)}× (${(velocious.userPerRequest - raw.userPerRequest).toFixed(1)} µs/req more in user space)`)
}

// The sides each target compares run next to each other (see compare()): logging on next to
// raw and to logging off.
function compareLogging() {
  return compare("GET /hello with request logging (Velocious: logging: {console: true, file: true}; Fastify: logger: true)", ["velocious", "velocious+log", "raw-hello", "fastify+log"], "/hello")
}

/** Logging's CPU per request, on against off, from one comparison's rounds. */
function printLoggingCost(helloLogged) {
  const on = helloLogged["velocious+log"].cpuPerRequest
  const off = helloLogged.velocious.cpuPerRequest

  console.log(`${"logging's cost, hello (CPU)".padEnd(40)} ${on.toFixed(1)} against ${off.toFixed(1)} µs/req in the same comparison (+${((on / off - 1) * 100).toFixed(0)}%)`)
}

async function loggingComparison() {
  console.log(`Load client: ${describeClient()}`)

  const helloLogged = await compareLogging()

  console.log("\nRatios (req/s)")
  ratio("hello, logging on: velocious / raw", helloLogged["velocious+log"], helloLogged["raw-hello"], 0.75)
  ratio("hello: velocious logging on / off", helloLogged["velocious+log"], helloLogged.velocious, 0.9)
  printLoggingCost(helloLogged)
}

/**
 * RSS after 10k and 100k requests (the target), with checkpoints between, and where V8's heap
 * went: "new" is the young generation, which V8 grows (up to --max-semi-space-size) as objects
 * keep surviving scavenges; old space and heap used show what is actually retained.
 */
async function memory() {
  const rssSide = process.env.BENCH_RSS_SIDE || "velocious"
  const rssPath = process.env.BENCH_RSS_PATH || "/tasks"
  const server = await startServer(rssSide)
  const checkpoints = [10_000, 25_000, 50_000, 100_000]
  const samples = []
  let sent = 0

  for (const checkpoint of checkpoints) {
    await load({port: server.port, path: rssPath, connections, requests: checkpoint - sent, durationMs: 600_000})
    sent = checkpoint
    samples.push({requests: checkpoint, ...await server.rss()})
  }

  await server.stop()

  const mb = (bytes) => (bytes / 1048576).toFixed(1)
  const first = samples[0]
  const last = samples[samples.length - 1]
  const growth = last.rss / first.rss - 1

  console.log(`\n${rssSide} memory after a full GC (GET ${rssPath}${serverFlags.length ? `, node ${serverFlags.join(" ")}` : ""}), MB`)
  console.log(`${"requests".padStart(9)} ${"RSS".padStart(7)} ${"heap used".padStart(10)} ${"new space".padStart(10)} ${"old space".padStart(10)} ${"external".padStart(9)}`)
  for (const sample of samples) {
    console.log(`${String(sample.requests).padStart(9)} ${mb(sample.rss).padStart(7)} ${mb(sample.heapUsed).padStart(10)} ${mb(sample.spaces.new_space).padStart(10)} ${mb(sample.spaces.old_space).padStart(10)} ${mb(sample.external).padStart(9)}`)
  }
  console.log(`RSS 10k → 100k: ${(growth * 100).toFixed(1)}% (target within 10%) ${Math.abs(growth) <= 0.1 ? "ok" : "MISSED"}`)

  // Informational: what RSS would do if the young generation had its final size from the start
  // (BENCH_SERVER_FLAGS="--min-semi-space-size=16" or "--max-semi-space-size=2" measures that for real).
  const withoutYoung = (sample) => sample.rss - sample.spaces.new_space
  const growthWithoutYoung = withoutYoung(last) / withoutYoung(first) - 1

  console.log(`RSS less the young generation, 10k → 100k: ${mb(withoutYoung(first))} → ${mb(withoutYoung(last))} MB (${(growthWithoutYoung * 100).toFixed(1)}%)`)
}
