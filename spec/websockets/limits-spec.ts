import Configuration from "velocious/build/src/configuration.js"
import {loadOptionalPackage, MissingPubSubPackageError} from "velocious/build/src/websocket-events/adapter.js"
import {UnknownOptionError} from "velocious/build/src/utils/check-keys.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {startWebsocketServer} from "./support/start-websocket-server.js"
import {delay, TestSocket} from "./support/test-socket.js"

describe("Websockets - limits and shutdown", {timeoutSeconds: 30}, () => {
  it("closes every connection with 1001 on graceful shutdown", async () => {
    const started = await startWebsocketServer()
    const socket = await TestSocket.open(started.url)

    socket.send({type: "subscribe", channel: "projects"})
    await socket.waitFor((message) => message.type === "subscribed")

    const closed = socket.waitForClose()

    await started.stop()
    expect(await closed).toEqual(1001)
  })

  it("makes ws' server on the first upgrade, so a server nobody connected to by websocket counts none and shuts down", async () => {
    const started = await startWebsocketServer({}, {websocket: {pingIntervalMs: 50}})
    let stopped = false

    try {
      const websockets = started.server.getWebsocketServer()

      expect((websockets as unknown as {wss: unknown}).wss).toBeUndefined()
      // A heartbeat with no ws server yet must not throw (it would be an uncaught exception).
      await delay(120)
      expect(websockets.connectionCount()).toEqual(0)

      const socket = await TestSocket.open(started.url)

      expect((websockets as unknown as {wss: unknown}).wss).toBeDefined()
      expect(websockets.connectionCount()).toEqual(1)
      socket.close()
      await started.stop()
      stopped = true
    } finally {
      if (!stopped) await started.stop()
    }

    const idle = await startWebsocketServer()

    await idle.stop()
    expect(idle.server.getWebsocketServer().connectionCount()).toEqual(0)
  })

  it("refuses a request message whose body is over the server's maxBodyBytes with 413, object or string", async () => {
    const started = await startWebsocketServer({}, {maxBodyBytes: 200})

    try {
      const socket = await TestSocket.open(started.url)

      socket.send({type: "request", id: "object", method: "POST", path: "/api/body", body: {text: "x".repeat(300)}})
      socket.send({type: "request", id: "string", method: "POST", path: "/api/body", body: "y".repeat(300)})
      socket.send({type: "request", id: "small", method: "POST", path: "/api/body", body: {text: "z"}})

      expect((await socket.waitFor((message) => message.id === "object")).statusCode).toEqual(413)
      expect((await socket.waitFor((message) => message.id === "string")).statusCode).toEqual(413)
      expect((await socket.waitFor((message) => message.id === "small")).statusCode).toEqual(200)
      socket.close()
    } finally {
      await started.stop()
    }
  })

  it("reaps a connection that stops answering pings", async () => {
    const started = await startWebsocketServer({}, {websocket: {pingIntervalMs: 100}})

    try {
      const dead = await TestSocket.open(started.url, {autoPong: false})
      const alive = await TestSocket.open(started.url)

      expect(await dead.waitForClose(3000)).toEqual(1006)
      await delay(300)
      expect(alive.closeCode).toBeUndefined()
      expect(started.server.getWebsocketServer().connectionCount()).toEqual(1)
      alive.close()
    } finally {
      await started.stop()
    }
  })

  it("drops a consumer that does not read instead of buffering without end", async () => {
    const started = await startWebsocketServer({}, {websocket: {maxBufferedBytes: 64 * 1024}})

    try {
      const slow = await TestSocket.open(started.url)
      const healthy = await TestSocket.open(started.url)

      slow.send({type: "subscribe", channel: "firehose"})
      await slow.waitFor((message) => message.type === "subscribed")
      slow.socket.pause()

      const chunk = "x".repeat(100 * 1024)

      for (let index = 0; index < 400 && started.server.getWebsocketServer().connectionCount() === 2; index++) {
        await started.configuration.getWebsocketEvents().publish("firehose", chunk)
        if (index % 20 === 0) await delay(5)
      }

      expect(started.server.getWebsocketServer().connectionCount()).toEqual(1)
      slow.socket.resume()
      expect(await slow.waitForClose()).toEqual(1006)
      healthy.send({type: "request", id: "ok", method: "POST", path: "/api/version"})
      expect((await healthy.waitFor((message) => message.id === "ok")).statusCode).toEqual(200)
      healthy.close()
    } finally {
      await started.stop()
    }
  })

  it("says which package to install when an adapter's client is missing", async () => {
    let failure: Error | undefined

    try {
      await loadOptionalPackage("velocious-no-such-redis-client", "redis")
    } catch (error) {
      failure = error as Error
    }

    expect(failure).toBeInstanceOf(MissingPubSubPackageError)
    expect(failure?.message).toEqual("The \"redis\" websocket events adapter needs the \"velocious-no-such-redis-client\" package, which is not installed. Install it with: npm install velocious-no-such-redis-client")
  })

  it("rejects unknown websocketEvents keys and adapter names", async () => {
    expect(() => new Configuration({websocketEvents: {adaptor: "redis"} as never}).getWebsocketEvents()).toThrow(UnknownOptionError)

    const configuration = new Configuration({logging: {console: false}, websocketEvents: {adapter: "kafka" as never}})
    let failure: Error | undefined

    try {
      await configuration.getWebsocketEvents().start()
    } catch (error) {
      failure = error as Error
    }

    expect(failure?.message).toMatch(/websocketEvents.adapter must be "in-process", "cluster", "redis", "pgsql"/)
  })
})
