// Websocket benchmark (not a test). Request/response round trips per second over 1 and over
// 50 connections, Velocious (router + controller through the websocket protocol) against a raw
// `ws` server answering the same message by hand; then publish-to-receive fan-out to 1,000
// subscribers (p50/p99 latency and deliveries/s), in-process and through Redis.
//
//   npm run bench:websocket     # BENCH_SECONDS=3 BENCH_ROUNDS=3 BENCH_SUBSCRIBERS=1000
import {fork} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {fileURLToPath} from "node:url"
import WebSocket, {WebSocketServer} from "ws"
import {describeClient, pinClient, pinServer} from "../http/client.mjs"
import {writeApp} from "./app.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const packageRoot = path.resolve(here, "../..")
const seconds = Number(process.env.BENCH_SECONDS || 3)
const rounds = Number(process.env.BENCH_ROUNDS || 3)
const subscriberCount = Number(process.env.BENCH_SUBSCRIBERS || 1000)

if (process.argv[2] === "server") await serve(process.argv[3])
else if (process.argv[2] === "client") await clientProcess(process.argv[3], Number(process.argv[4]), Number(process.argv[5]))
else await main()

async function serve(side) {
  let port

  if (side === "raw-ws") {
    // The same answer Velocious gives, built by hand: parse, echo the body as JSON, reply.
    const server = new WebSocketServer({port: 0, host: "127.0.0.1", perMessageDeflate: false})

    server.on("connection", (socket) => socket.on("message", (data) => {
      const message = JSON.parse(data.toString())

      socket.send(JSON.stringify({type: "response", id: message.id, statusCode: 200, headers: {"content-type": "application/json; charset=utf-8"}, body: JSON.stringify(message.body)}))
    }))
    await new Promise((resolve) => server.once("listening", resolve))
    port = server.address().port
  } else {
    // What each worker of `velocious server` runs, in this process, so its CPU time is the server's
    // (bench:http does the same).
    const {bootInProcess} = await import(path.join(packageRoot, "build/src/http-server/start-app-server.js"))
    const started = await bootInProcess({directory: process.env.BENCH_APP_DIRECTORY, host: "127.0.0.1", port: 0})

    port = started.port
  }

  // CPU the server spent, so a round trip's cost can be compared when req/s is set by something else.
  process.on("message", (message) => { if (message === "cpu") process.send({cpu: process.cpuUsage()}) })
  // A clean exit on SIGINT, so node flags that write at exit (BENCH_SERVER_FLAGS="--cpu-prof") get to.
  process.on("SIGINT", () => process.exit(0))
  process.send({port})
}

function startServer(side, websocketEvents = {adapter: "in-process"}) {
  const directory = writeApp(websocketEvents)
  // BENCH_SERVER_FLAGS: extra node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/ws-prof".
  const execArgv = (process.env.BENCH_SERVER_FLAGS || "").split(/\s+/).filter(Boolean)
  const child = fork(fileURLToPath(import.meta.url), ["server", side], {cwd: directory, execArgv, env: {...process.env, VELOCIOUS_ENV: "production", BENCH_APP_DIRECTORY: directory}, stdio: ["ignore", "inherit", "inherit", "ipc"]})

  pinServer(child.pid)

  process.on("exit", () => child.kill("SIGKILL"))

  return new Promise((resolve, reject) => {
    child.once("message", ({port}) => resolve({
      url: `ws://127.0.0.1:${port}/websocket`,
      cpuUsage: () => new Promise((answered) => {
        child.once("message", ({cpu}) => answered(cpu))
        child.send("cpu")
      }),
      stop: () => new Promise((stopped) => {
        const kill = setTimeout(() => child.kill("SIGKILL"), 2000)

        child.once("exit", () => { clearTimeout(kill); stopped() })
        child.kill("SIGINT")
        fs.rmSync(directory, {recursive: true, force: true})
      })
    }))
    child.once("exit", (code) => reject(new Error(`${side} server exited with ${code} before listening`)))
  })
}

function open(url) {
  const socket = new WebSocket(url, {perMessageDeflate: false})

  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve(socket))
    socket.once("error", reject)
  })
}

/**
 * Each connection sends a request, waits for its response, and sends the next, for `durationMs`.
 * Runs in a process of its own (pinned to the client core, like bench:http's load client): in
 * this process it would share an event loop, and a core, with nothing else but still be the
 * slower side against raw ws, whose work per message is the client's own.
 */
async function clientProcess(url, connections, durationMs) {
  const sockets = await Promise.all(Array.from({length: connections}, () => open(url)))
  const cpuBefore = process.cpuUsage()
  const deadline = performance.now() + durationMs
  let count = 0

  await Promise.all(sockets.map((socket, index) => new Promise((resolve) => {
    let id = 0
    const next = () => {
      if (performance.now() >= deadline) return resolve()

      socket.send(JSON.stringify({type: "request", id: `${index}-${++id}`, method: "POST", path: "/echo", body: {hello: "world", n: id}}))
    }

    socket.on("message", (data) => {
      const message = JSON.parse(data.toString())

      if (message.type === "response" && message.statusCode === 200) count++
      next()
    })
    next()
  })))

  const elapsedMs = performance.now() - (deadline - durationMs)
  const cpu = process.cpuUsage(cpuBefore)

  for (const socket of sockets) socket.terminate()
  process.send({count, rate: count / (elapsedMs / 1000), clientCpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs})
  process.exit(0)
}

function roundTrips(url, connections, durationMs) {
  const child = fork(fileURLToPath(import.meta.url), ["client", url, String(connections), String(durationMs)], {stdio: ["ignore", "inherit", "inherit", "ipc"]})

  pinClient(child.pid)

  return new Promise((resolve, reject) => {
    child.once("message", resolve)
    child.once("exit", (code) => reject(new Error(`websocket client exited with ${code}`)))
  })
}

async function compareRoundTrips(connections) {
  const servers = {velocious: await startServer("velocious"), "raw-ws": await startServer("raw-ws")}
  const best = {}

  for (const side of Object.keys(servers)) await roundTrips(servers[side].url, connections, 500)
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? ["velocious", "raw-ws"] : ["raw-ws", "velocious"]) {
      const cpuBefore = await servers[side].cpuUsage()
      const result = await roundTrips(servers[side].url, connections, seconds * 1000)
      const cpuAfter = await servers[side].cpuUsage()
      const userPerRoundTrip = (cpuAfter.user - cpuBefore.user) / result.count
      const systemPerRoundTrip = (cpuAfter.system - cpuBefore.system) / result.count
      const cpuPerRoundTrip = userPerRoundTrip + systemPerRoundTrip
      const previous = best[side]
      // The user/kernel split is the one of the round with the least CPU per round trip.
      const leastCpu = !previous || cpuPerRoundTrip < previous.cpuPerRoundTrip
        ? {cpuPerRoundTrip, userPerRoundTrip, systemPerRoundTrip}
        : {cpuPerRoundTrip: previous.cpuPerRoundTrip, userPerRoundTrip: previous.userPerRoundTrip, systemPerRoundTrip: previous.systemPerRoundTrip}

      best[side] = {
        ...(!previous || result.rate > previous.rate ? result : previous),
        ...leastCpu
      }
    }
  }
  for (const server of Object.values(servers)) await server.stop()

  const {velocious, "raw-ws": raw} = best
  const percent = (share) => `${(share * 100).toFixed(0)}%`

  console.log(`round trips, ${String(connections).padStart(2)} connection(s): velocious ${Math.round(velocious.rate)}/s, raw ws ${Math.round(raw.rate)}/s, ratio ${(velocious.rate / raw.rate).toFixed(2)}x (target >= 0.70x); server CPU µs per round trip ${velocious.cpuPerRoundTrip.toFixed(1)} against ${raw.cpuPerRoundTrip.toFixed(1)} (${(raw.cpuPerRoundTrip / velocious.cpuPerRoundTrip).toFixed(2)}x); client CPU ${percent(velocious.clientCpuShare)} / ${percent(raw.clientCpuShare)}`)
  // Over loopback a server whose client waits for it also pays, in its own kernel time, for waking
  // that client (bench:http's raw-hello-10us control shows it): user CPU is its own code alone.
  console.log(`  of which user ${velocious.userPerRoundTrip.toFixed(1)} against ${raw.userPerRoundTrip.toFixed(1)} (${(raw.userPerRoundTrip / velocious.userPerRoundTrip).toFixed(2)}x), kernel ${velocious.systemPerRoundTrip.toFixed(1)} against ${raw.systemPerRoundTrip.toFixed(1)}`)
  for (const [side, result] of Object.entries(best)) {
    if (result.clientCpuShare >= 0.9) console.log(`WARNING: ${side}: the client used ${percent(result.clientCpuShare)} of a core, so it may have set that rate; compare by server CPU instead`)
  }
}

async function fanOut(name, websocketEvents) {
  const server = await startServer("velocious", websocketEvents)
  const latencies = []
  const events = Number(process.env.BENCH_EVENTS || 50)
  const subscribers = []

  for (let index = 0; index < subscriberCount; index += 100) {
    subscribers.push(...await Promise.all(Array.from({length: Math.min(100, subscriberCount - index)}, () => open(server.url))))
  }
  await Promise.all(subscribers.map((socket) => new Promise((resolve) => {
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString())

      if (message.type === "subscribed") resolve()
      else if (message.type === "event") latencies.push(performance.timeOrigin + performance.now() - message.payload.sentAt)
    })
    socket.send(JSON.stringify({type: "subscribe", channel: "bench"}))
  })))

  const publisher = await open(server.url)
  const started = performance.now()

  for (let n = 0; n < events; n++) {
    await new Promise((resolve) => {
      publisher.once("message", resolve)
      publisher.send(JSON.stringify({type: "request", id: String(n), method: "POST", path: "/broadcast", body: {n}}))
    })
  }

  const deadline = Date.now() + 30_000

  while (latencies.length < events * subscriberCount && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))

  const elapsed = (performance.now() - started) / 1000
  const sorted = latencies.sort((a, b) => a - b)
  const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))].toFixed(1)

  console.log(`fan-out ${name.padEnd(10)} ${events} events x ${subscriberCount} subscribers: ${sorted.length} delivered, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, ${Math.round(sorted.length / elapsed)} messages/s`)
  for (const socket of [...subscribers, publisher]) socket.terminate()
  await server.stop()
}

async function main() {
  console.log(`Client: its own process; ${describeClient().replace(/^[^;]*; /, "")}`)
  await compareRoundTrips(1)
  await compareRoundTrips(50)
  await fanOut("in-process", {adapter: "in-process"})
  await fanOut("redis", {adapter: "redis", channelPrefix: `velocious-ws-test:bench-${process.pid}:`})
  process.exit(0)
}
