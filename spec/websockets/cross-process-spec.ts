import path from "node:path"
import WebsocketClient from "velocious/build/src/http-client/websocket-client.js"
import {afterAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {spawnUntilListening, type ServerProcess} from "../http/support/server-process.js"
import {lines, packageRoot, TempApp} from "../http/support/temp-app.js"
import {pgConnection, redisPrefix} from "./support/adapters.js"
import {delay} from "./support/test-socket.js"
import {writeWebsocketApp} from "./support/websocket-app.js"

const binary = path.join(packageRoot, "build/bin/velocious.js")

function appWithEvents(websocketEvents: unknown): TempApp {
  const app = new TempApp("websockets-fanout")

  writeWebsocketApp(app, lines(
    "import Configuration from \"velocious/build/src/configuration.js\"",
    `export default new Configuration({logging: {console: false}, websocketEvents: ${JSON.stringify(websocketEvents)}})`
  ))

  return app
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs

  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs}ms`)
    await delay(20)
  }
}

/** Subscribes through `subscriberUrl`, publishes through `publisherUrl`'s action, and returns what the subscriber got. */
async function fanOut(subscriberUrl: string, publisherUrl: string): Promise<{subscriberPid: number, publisherPid: number, events: unknown[]}> {
  const subscriber = new WebsocketClient({url: subscriberUrl})
  const publisher = new WebsocketClient({url: publisherUrl})

  try {
    await subscriber.connect()
    await publisher.connect()

    const events: unknown[] = []

    subscriber.on("projects", (payload) => events.push(payload))
    // A request after the subscribe is answered only once the subscription is in place.
    const subscriberPid = (await subscriber.get("/api/pid")).json().pid
    const publisherPid = (await publisher.get("/api/pid")).json().pid

    await publisher.post("/api/broadcast-event", {channel: "projects", payload: {id: 42, big: "x".repeat(20_000)}})
    await waitFor(() => events.length > 0)
    await delay(100)

    return {subscriberPid, publisherPid, events}
  } finally {
    await subscriber.close()
    await publisher.close()
  }
}

async function stopProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return

  server.child.kill("SIGTERM")
  const exited = await Promise.race([server.exited.then(() => true), delay(10_000).then(() => false)])

  if (!exited) server.child.kill("SIGKILL")
}

for (const [name, websocketEvents] of [
  ["redis", {adapter: "redis", url: "redis://127.0.0.1:6379", channelPrefix: `${redisPrefix}cross-${process.pid}:`}],
  ["pgsql", {adapter: "pgsql", connection: pgConnection(), channel: `velocious_ws_test_cross_${process.pid}`}]
] as const) {
  describe(`Websocket events across two server processes - ${name}`, {timeoutSeconds: 60}, () => {
    const app = appWithEvents(websocketEvents)
    const servers: ServerProcess[] = []

    afterAll(async () => {
      for (const server of servers) await stopProcess(server)
      app.remove()
    })

    it("delivers an event published in one process to a subscriber of the other", async () => {
      servers.push(await spawnUntilListening([binary, "server", "--port", "0"], {cwd: app.directory}))
      servers.push(await spawnUntilListening([binary, "server", "--port", "0"], {cwd: app.directory}))

      const [first, second] = servers
      const result = await fanOut(`ws://127.0.0.1:${first.port}/websocket`, `ws://127.0.0.1:${second.port}/websocket`)

      expect(first.port === second.port).toBe(false)
      expect(result.subscriberPid === result.publisherPid).toBe(false)
      expect(result.events).toEqual([{id: 42, big: "x".repeat(20_000)}])
    })
  })
}

for (const [label, websocketEvents] of [["adapter: \"cluster\"", {adapter: "cluster"}], ["the default adapter", {}]] as const) describe(`Websocket events across node:cluster workers - ${label}`, {timeoutSeconds: 60}, () => {
  const app = appWithEvents(websocketEvents)
  let server: ServerProcess | undefined

  afterAll(async () => {
    await stopProcess(server)
    app.remove()
  })

  it("delivers an event published in one worker to a subscriber connected to another", async () => {
    server = await spawnUntilListening([binary, "server", "--port", "0", "--workers", "2"], {cwd: app.directory})

    const url = `ws://127.0.0.1:${server.port}/websocket`
    // The kernel spreads connections over the workers: keep connecting until two differ.
    const clients: WebsocketClient[] = []
    const pids = new Map<number, WebsocketClient>()

    try {
      for (let attempt = 0; attempt < 30 && pids.size < 2; attempt++) {
        const client = new WebsocketClient({url})

        await client.connect()
        clients.push(client)
        pids.set((await client.get("/api/pid")).json().pid, client)
      }

      expect(pids.size).toEqual(2)

      const [subscriber, publisher] = [...pids.values()]
      const events: unknown[] = []

      subscriber.on("projects", (payload) => events.push(payload))
      await subscriber.get("/api/pid")
      await publisher.post("/api/broadcast-event", {channel: "projects", payload: {from: "the other worker"}})
      await waitFor(() => events.length > 0)
      await delay(100)
      expect(events).toEqual([{from: "the other worker"}])
    } finally {
      for (const client of clients) await client.close()
    }
  })
})
