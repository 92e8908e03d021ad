// Websocket request/response cost without sockets (a benchmark, not a test): a Velocious
// WebsocketSession with a stand-in socket, dispatching to the app's real request handler, against
// the raw side's own work per message (parse, answer, stringify), in one process. Over loopback
// (run.mjs) the kernel's TCP work and waking the waiting client come to half of a round trip and
// move by several µs between runs; this measures only the code a message runs through.
//
//   node bench/websocket/in-process.mjs          # N=200000 ROUNDS=5
import fs from "node:fs"
import path from "node:path"
import {EventEmitter} from "node:events"
import {fileURLToPath} from "node:url"
import {writeApp} from "./app.mjs"

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const count = Number(process.env.N || 200000)
const rounds = Number(process.env.ROUNDS || 5)
const directory = writeApp()

process.env.VELOCIOUS_ENV = "production"
process.chdir(directory)

const load = (file) => import(path.join(packageRoot, "build/src", file))
const {bootInProcess} = await load("http-server/start-app-server.js")
const {default: WebsocketSession} = await load("http-server/websocket/websocket-session.js")
const {websocketLimits} = await load("http-server/websocket/websocket-limits.js")
const {default: RequestWatchdog} = await load("http-server/websocket/request-watchdog.js")
const {default: Request} = await load("http-server/request.js")
const {server, configuration} = await bootInProcess({directory, host: "127.0.0.1", port: 0})
// The server's own request handler (internal), as its websocket server dispatches to it.
const handler = server.handler

/** What the session uses of a ws WebSocket: events in, send() out. */
class StandInSocket extends EventEmitter {
  OPEN = 1
  readyState = 1
  bufferedAmount = 0
  sent = undefined

  send(text) {
    this.sent(text)
  }

  close() {}
  terminate() {}
}

const socket = new StandInSocket()
const upgrade = {method: "GET", url: "/websocket", headers: {host: "127.0.0.1", "sec-websocket-key": "bench", "sec-websocket-version": "13", connection: "Upgrade", upgrade: "websocket"}, socket: {remoteAddress: "127.0.0.1"}}

new WebsocketSession({
  socket,
  upgrade,
  request: new Request({incoming: upgrade, body: Buffer.alloc(0)}),
  configuration,
  dispatch: (incoming, outgoing) => { void handler.handle(incoming, outgoing) },
  limits: websocketLimits({}),
  watchdog: new RequestWatchdog(30_000)
})

// The same message run.mjs's client sends, as the bytes a socket would deliver.
const messageFor = (index) => Buffer.from(JSON.stringify({type: "request", id: `0-${index}`, method: "POST", path: "/echo", body: {hello: "world", n: index}}))

const sides = {
  async velocious(index) {
    const answered = new Promise((resolve) => { socket.sent = resolve })

    socket.emit("message", messageFor(index), false)

    return answered
  },
  // What run.mjs's raw ws server does per message, with one await as the session's answer has.
  async raw(index) {
    const message = JSON.parse(messageFor(index).toString())

    return await Promise.resolve(JSON.stringify({type: "response", id: message.id, statusCode: 200, headers: {"content-type": "application/json; charset=utf-8"}, body: JSON.stringify(message.body)}))
  }
}

const first = await sides.velocious(0)

if (!first.includes("\"statusCode\":200")) throw new Error(`Unexpected answer: ${first}`)

async function cpuPerRoundTrip(side, total) {
  const before = process.cpuUsage()

  for (let index = 0; index < total; index++) await sides[side](index)

  const used = process.cpuUsage(before)

  return (used.user + used.system) / total
}

for (const side of Object.keys(sides)) await cpuPerRoundTrip(side, 20_000)

const results = {velocious: [], raw: []}

for (let round = 0; round < rounds; round++) {
  for (const side of round % 2 === 0 ? ["velocious", "raw"] : ["raw", "velocious"]) results[side].push(await cpuPerRoundTrip(side, count))
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const velocious = median(results.velocious)
const raw = median(results.raw)

console.log(`websocket round trip in one process, median of ${rounds} × ${count}: velocious ${velocious.toFixed(2)} µs CPU, raw ${raw.toFixed(2)} µs CPU (${(velocious - raw).toFixed(2)} µs more, ratio ${(raw / velocious).toFixed(2)}x)`)

await server.stop()
await configuration.close()
fs.rmSync(directory, {recursive: true, force: true})
process.exit(0)
