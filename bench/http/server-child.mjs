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
