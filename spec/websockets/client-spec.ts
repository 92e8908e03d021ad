import WebsocketClient from "velocious/build/src/http-client/websocket-client.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {startWebsocketServer, type StartedWebsocketServer} from "./support/start-websocket-server.js"
import {delay} from "./support/test-socket.js"

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs

  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs}ms`)
    await delay(20)
  }
}

describe("Websockets - WebsocketClient", () => {
  let started: StartedWebsocketServer

  beforeAll(async () => {
    started = await startWebsocketServer()
  })

  afterAll(async () => {
    await started?.stop()
  })

  it("calls actions and receives broadcasts, as in the README", async () => {
    const client = new WebsocketClient({url: started.url})
    await client.connect()

    const response = await client.post("/api/version", {locale: "en"})

    expect(response.statusCode).toEqual(200)
    expect(response.json()).toEqual({version: "1.0", params: {locale: "en"}, method: "POST"})

    const events: unknown[] = []
    const unsubscribe = client.on("projects", (payload) => {
      events.push(payload)
    })

    await client.post("/api/broadcast-event", {channel: "projects", payload: {id: 42}})
    await waitUntil(() => events.length === 1)
    expect(events).toEqual([{id: 42}])

    unsubscribe()
    await delay(50)
    await client.post("/api/broadcast-event", {channel: "projects", payload: {id: 43}})
    await delay(100)
    expect(events).toEqual([{id: 42}])
    await client.close()
  })

  it("has get, put, patch and delete, and 404 for unknown routes", async () => {
    const client = new WebsocketClient({url: started.url})

    await client.connect()
    expect((await client.get("/api/pid")).json().pid).toEqual(process.pid)
    expect((await client.put("/nowhere")).statusCode).toEqual(404)
    expect((await client.patch("/nowhere")).statusCode).toEqual(404)
    expect((await client.delete("/nowhere")).statusCode).toEqual(404)
    expect((await client.get("/api/boom")).statusCode).toEqual(500)
    await client.close()
  })

  it("reconnects with backoff after the server drops it, and re-subscribes", async () => {
    const client = new WebsocketClient({url: started.url, reconnectDelayMs: 50})
    const events: unknown[] = []

    await client.connect()
    client.on("reconnecting", (payload) => events.push(payload))
    await client.post("/api/broadcast-event", {channel: "reconnecting", payload: 1})
    await waitUntil(() => events.length === 1)

    // Drop every server-side connection, as a network failure would.
    await dropAllConnections(started)
    await waitUntil(() => !client.isOpen())
    await waitUntil(() => client.isOpen())
    // The re-subscribe is sent before any request after the reconnect, so the server has it first.
    await client.post("/api/broadcast-event", {channel: "reconnecting", payload: 2})
    await waitUntil(() => events.length === 2)
    expect(events).toEqual([1, 2])
    await client.close()
  })

  it("rejects a request when not connected instead of hanging", async () => {
    const client = new WebsocketClient({url: started.url})
    let failure: Error | undefined

    try {
      await client.get("/api/pid")
    } catch (error) {
      failure = error as Error
    }

    expect(failure?.message).toMatch(/Not connected/)
  })
})

async function dropAllConnections(started: StartedWebsocketServer): Promise<void> {
  const wss = (started.server.getWebsocketServer() as unknown as {wss: {clients: Set<{terminate(): void}>}}).wss

  for (const socket of wss.clients) socket.terminate()
}
