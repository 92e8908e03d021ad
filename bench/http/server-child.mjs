// One benchmarked server per process, so it never shares an event loop with the load
// generator. argv[2] is the side; the port goes to the parent over IPC, and "rss" asks for memory.
import http from "node:http"
import path from "node:path"
import v8 from "node:v8"
import {fileURLToPath} from "node:url"

const side = process.argv[2]
const hello = JSON.stringify({hello: "world"})

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)))
}

function rawServer(handler) {
  const server = http.createServer({noDelay: true}, handler)

  server.keepAliveTimeout = 5000

  return listen(server)
}

function answerHello(request, response) {
  if (request.url === "/hello") {
    response.writeHead(200, {"content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(hello)})
    response.end(hello)
  } else {
    response.writeHead(404).end()
  }
}

const sides = {
  async "raw-hello"() {
    return rawServer(answerHello)
  },
  // raw-hello with one AsyncLocalStorage context per request, as Velocious keeps one to pin the
  // request's database connection: on Node 20 that enables async_hooks process-wide.
  async "raw-hello-als"() {
    const {AsyncLocalStorage} = await import("node:async_hooks")
    const storage = new AsyncLocalStorage()

    return rawServer((request, response) => storage.run({}, answerHello, request, response))
  },
  // raw-hello made 10 µs slower by spinning in user space: a control for what the loopback
  // benchmark does to a slower server. Its client waits more, and waking a waiting client is
  // paid in the server's writev() (see the README's "How bench:http keeps the raw side honest").
  async "raw-hello-10us"() {
    return rawServer((request, response) => {
      const until = performance.now() + 0.01

      while (performance.now() < until);
      answerHello(request, response)
    })
  },
  async "raw-tasks"() {
    const {default: Database} = await import("better-sqlite3")
    const database = new Database(process.env.BENCH_SQLITE_FILE)

    // The pragmas the Velocious SQLite driver sets (sqlite-connect.ts), so both sides read alike.
    database.pragma("journal_mode = WAL")
    database.pragma("foreign_keys = ON")
    const statement = database.prepare("SELECT * FROM tasks LIMIT 20")

    return rawServer((request, response) => {
      const body = JSON.stringify(statement.all())

      response.writeHead(200, {"content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body)})
      response.end(body)
    })
  },
  async fastify() {
    const {default: Fastify} = await import("fastify")
    // logger: true is Fastify's own request logging (pino, JSON lines to stdout).
    const app = Fastify({logger: process.env.BENCH_LOGGING === "1"})

    app.get("/hello", async () => ({hello: "world"}))
    await app.listen({port: 0, host: "127.0.0.1"})

    return app.server.address().port
  },
  async express() {
    const {default: express} = await import("express")
    const app = express()

    app.get("/hello", (request, response) => { response.json({hello: "world"}) })

    return listen(http.createServer(app))
  },
  // What each worker of `velocious server` runs in production (the parent gives this process
  // the node flags the cluster primary gives its workers).
  async velocious() {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
    const {bootInProcess} = await import(path.join(root, "build/src/http-server/start-app-server.js"))
    const {port} = await bootInProcess({directory: process.env.BENCH_APP_DIRECTORY, host: "127.0.0.1", port: 0})

    return port
  }
}

const port = await sides[side]()

process.on("SIGINT", () => process.exit(0))
process.on("message", (message) => {
  if (message === "track-allocations" || message === "allocations") return allocationTracking(message)
  // CPU time the server spent, so per-request cost can be compared even when other processes
  // share the cores and req/s drifts with them.
  if (message === "cpu") return process.send({cpu: process.cpuUsage()})
  if (message !== "rss") return

  // A full collection first (the parent starts us with --expose-gc), so garbage that V8 has
  // not collected yet is not counted as growth.
  globalThis.gc?.()

  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]))

  process.send({...process.memoryUsage(), spaces})
})
process.send({port})

// For bench/http/allocations.mjs: the inspector's allocation tracking records every allocation
// with its stack (those already collected too, unlike the sampling heap profiler), and the
// snapshot taken when it stops carries the totals per stack as its trace tree.
let inspectorSession

async function allocationTracking(message) {
  const {default: inspector} = await import("node:inspector")
  const post = (method, params) => new Promise((resolve, reject) => inspectorSession.post(method, params, (error, result) => (error ? reject(error) : resolve(result))))

  if (message === "track-allocations") {
    inspectorSession = new inspector.Session()
    inspectorSession.connect()
    await post("HeapProfiler.enable")
    await post("HeapProfiler.startTrackingHeapObjects", {trackAllocations: true})

    return process.send({tracking: true})
  }

  const chunks = []

  inspectorSession.on("HeapProfiler.addHeapSnapshotChunk", ({params}) => chunks.push(params.chunk))
  await post("HeapProfiler.stopTrackingHeapObjects", {reportProgress: false})
  process.send({allocations: allocationTotals(JSON.parse(chunks.join("")))})
}

/** Bytes and objects allocated per function (`name file:line`), from a snapshot's trace tree. */
function allocationTotals(snapshot) {
  const fields = snapshot.snapshot.meta.trace_function_info_fields
  const infos = snapshot.trace_function_infos
  const {strings} = snapshot
  const stride = fields.length
  const [nameAt, scriptAt, lineAt] = ["name", "script_name", "line"].map((field) => fields.indexOf(field))
  const totals = {}
  // The tree is flat: each node is [id, function info, count, size, children], children alike.
  const walk = (nodes) => {
    for (let index = 0; index < nodes.length; index += 5) {
      const info = nodes[index + 1] * stride
      const count = nodes[index + 2]

      if (count > 0) {
        const key = `${strings[infos[info + nameAt]] || "(anonymous)"} ${path.basename(String(strings[infos[info + scriptAt]]))}:${infos[info + lineAt]}`
        const total = totals[key] ||= {count: 0, bytes: 0}

        total.count += count
        total.bytes += nodes[index + 3]
      }
      walk(nodes[index + 4])
    }
  }

  walk(snapshot.trace_tree)

  return totals
}
