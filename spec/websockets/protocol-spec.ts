import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {startWebsocketServer, type StartedWebsocketServer} from "./support/start-websocket-server.js"
import {delay, TestSocket} from "./support/test-socket.js"

describe("Websockets - protocol", () => {
  let started: StartedWebsocketServer
  const frameworkErrors: unknown[] = []

  beforeAll(async () => {
    started = await startWebsocketServer({}, {websocket: {maxMessageBytes: 64 * 1024, maxSubscriptions: 5, requestTimeoutMs: 1500}})
    started.configuration.getErrorEvents().on("framework-error", (payload) => frameworkErrors.push(payload))
  })

  afterAll(async () => {
    await started?.stop()
  })

  it("runs a request through the router and controller, as in the README", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({id: "req-1", method: "POST", path: "/api/version", body: {extra: true}, type: "request"})

    const msg = await socket.waitFor((message) => message.type === "response" && message.id === "req-1")

    expect(msg.statusCode).toEqual(200)
    expect(msg.headers["content-type"]).toEqual("application/json; charset=utf-8")
    expect(JSON.parse(msg.body)).toEqual({version: "1.0", params: {extra: true}, method: "POST"})
    socket.close()
  })

  it("gives an action the body's text: an object body's JSON, written when read, and a string body as sent", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({type: "request", id: "object", method: "POST", path: "/api/body", body: {name: "Tåsk", tags: ["a"], n: 1e3}})
    socket.send({type: "request", id: "string", method: "POST", path: "/api/body", body: "plain tëxt"})

    const object = JSON.parse((await socket.waitFor((message) => message.id === "object")).body)
    const string = JSON.parse((await socket.waitFor((message) => message.id === "string")).body)

    expect(object).toEqual({text: "{\"name\":\"Tåsk\",\"tags\":[\"a\"],\"n\":1000}", bytes: Buffer.byteLength("{\"name\":\"Tåsk\",\"tags\":[\"a\"],\"n\":1000}"), contentType: "application/json", contentLength: null, params: {name: "Tåsk", tags: ["a"], n: 1000}})
    expect(string).toEqual({text: "plain tëxt", bytes: Buffer.byteLength("plain tëxt"), contentType: "text/plain; charset=utf-8", contentLength: String(Buffer.byteLength("plain tëxt")), params: {}})
    socket.close()
  })

  it("runs before-action callbacks and reads the upgrade request's cookies", async () => {
    const socket = await TestSocket.open(started.url, {headers: {cookie: "session_id=abc123"}})

    socket.send({type: "request", id: "denied", method: "GET", path: "/api/guarded"})
    socket.send({type: "request", id: "allowed", method: "GET", path: "/api/guarded?token=yes"})
    socket.send({type: "request", id: "cookie", method: "GET", path: "/api/cookies"})

    expect((await socket.waitFor((message) => message.id === "denied")).statusCode).toEqual(403)
    expect(JSON.parse((await socket.waitFor((message) => message.id === "allowed")).body)).toEqual({ok: true})
    expect(JSON.parse((await socket.waitFor((message) => message.id === "cookie")).body)).toEqual({session: "abc123"})
    socket.close()
  })

  it("answers an action error with 500 and the same id, and an unknown route with 404", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({type: "request", id: 7, method: "GET", path: "/api/boom"})
    socket.send({type: "request", id: "missing", method: "GET", path: "/nowhere"})

    const failed = await socket.waitFor((message) => message.id === 7)

    expect(failed.type).toEqual("response")
    expect(failed.statusCode).toEqual(500)
    expect(JSON.parse(failed.body).error).toMatch(/Kaboom over a websocket/)
    expect(frameworkErrors.length).toBeGreaterThan(0)
    expect((await socket.waitFor((message) => message.id === "missing")).statusCode).toEqual(404)
    socket.close()
  })

  it("answers an action that never finishes with 504 instead of hanging", async () => {
    const socket = await TestSocket.open(started.url)

    const sent = performance.now()

    socket.send({type: "request", id: "slow", method: "GET", path: "/api/slow?ms=3000"})

    const answer = await socket.waitFor((message) => message.id === "slow", 4000)
    const waited = performance.now() - sent

    expect(answer.statusCode).toEqual(504)
    // requestTimeoutMs is 1500 here; the watchdog looks every quarter of it.
    expect(waited).toBeGreaterThan(1450)
    expect(waited).toBeLessThan(1500 * 1.25 + 300)
    socket.close()
  })

  it("subscribes, receives events published by another connection's request, and unsubscribes", async () => {
    const subscriber = await TestSocket.open(started.url)
    const publisher = await TestSocket.open(started.url)

    subscriber.send({type: "subscribe", channel: "projects"})
    expect(await subscriber.waitFor((message) => message.type === "subscribed")).toEqual({type: "subscribed", channel: "projects"})

    publisher.send({type: "request", id: "b", method: "POST", path: "/api/broadcast-event", body: {channel: "projects", payload: {id: 42}}})

    expect(JSON.parse((await publisher.waitFor((message) => message.id === "b")).body)).toEqual({status: "published"})
    expect(await subscriber.waitFor((message) => message.type === "event")).toEqual({type: "event", channel: "projects", payload: {id: 42}})

    subscriber.send({type: "unsubscribe", channel: "projects"})
    await subscriber.waitFor((message) => message.type === "unsubscribed")
    await started.configuration.getWebsocketEvents().publish("projects", {id: 43})
    await delay(100)
    expect(subscriber.messages.filter((message) => message.type === "event").length).toEqual(1)
    subscriber.close()
    publisher.close()
  })

  it("subscribes and then triggers a broadcast on the same connection (Combine)", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send(JSON.stringify({type: "subscribe", channel: "news"}))
    socket.send(JSON.stringify({type: "request", id: "req-broadcast", method: "POST", path: "/api/broadcast-event", body: {channel: "news", payload: {headline: "breaking"}}}))

    expect((await socket.waitFor((message) => message.type === "event")).payload).toEqual({headline: "breaking"})
    socket.close()
  })

  it("answers malformed JSON and unknown types with an error and keeps the connection open", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send("{not json")
    expect((await socket.waitFor((message) => message.type === "error")).error).toMatch(/Invalid JSON/)
    socket.send({type: "dance"})
    expect((await socket.waitFor((message) => message.type === "error" && /Unknown message type/.test(message.error))).error).toMatch(/"dance"/)
    socket.send({type: "request", id: "still", method: "POST", path: "/api/version"})
    expect((await socket.waitFor((message) => message.id === "still")).statusCode).toEqual(200)
    socket.close()
  })

  it("closes an oversized message's connection with 1009, leaving other connections alone", async () => {
    const bystander = await TestSocket.open(started.url)
    const socket = await TestSocket.open(started.url)

    socket.send({type: "request", id: "big", method: "POST", path: "/api/version", body: {data: "x".repeat(70 * 1024)}})
    expect(await socket.waitForClose()).toEqual(1009)
    bystander.send({type: "request", id: "ok", method: "POST", path: "/api/version"})
    expect((await bystander.waitFor((message) => message.id === "ok")).statusCode).toEqual(200)
    bystander.close()
  })

  it("refuses a subscribe flood past maxSubscriptions with an error", async () => {
    const socket = await TestSocket.open(started.url)

    for (let index = 0; index < 8; index++) socket.send({type: "subscribe", channel: `flood-${index}`})

    const error = await socket.waitFor((message) => message.type === "error")

    expect(error.error).toMatch(/Too many subscriptions: at most 5/)
    await delay(100)
    expect(socket.messages.filter((message) => message.type === "subscribed").length).toEqual(5)
    socket.close()
  })

  it("refuses upgrades on other paths with 404", async () => {
    let failure: Error | undefined

    try {
      await TestSocket.open(`ws://127.0.0.1:${started.port}/elsewhere`)
    } catch (error) {
      failure = error as Error
    }

    expect(failure?.message).toMatch(/404/)
  })
})
