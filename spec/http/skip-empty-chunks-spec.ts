import http from "node:http"
import type {AddressInfo, Socket} from "node:net"
import Configuration from "velocious/build/src/configuration.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {skipEmptyChunks, skipsEmptyChunks} from "velocious/build/src/http-server/skip-empty-chunks.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {rawExchange, request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {TempApp} from "./support/temp-app.js"

/** What reached the connection's native handle: one entry per call, with the chunks a writev got. */
type HandleWrite = {method: string, chunks?: number}

/** Counts the calls the server side of each connection makes on its native handle (libuv's stream). */
function recordHandleWrites(socket: Socket, writes: HandleWrite[]): void {
  const handle = (socket as unknown as {_handle: Record<string, (...args: unknown[]) => unknown>})._handle

  for (const method of ["writev", "writeLatin1String", "writeUtf8String", "writeAsciiString", "writeBuffer"]) {
    const original = handle[method]

    handle[method] = function (this: unknown, ...args: unknown[]) {
      writes.push(method === "writev" ? {method, chunks: (args[1] as unknown[]).length} : {method})

      return original.apply(this, args)
    }
  }
}

/** A node:http server answering `respond`, with (or without) skipEmptyChunks on its connections; what its handles got. */
async function serving(respond: (outgoing: http.ServerResponse) => void, {skip}: {skip: boolean}) {
  const writes: HandleWrite[] = []
  let finished = 0
  const server = http.createServer((_incoming, outgoing) => {
    outgoing.on("finish", () => finished++)
    respond(outgoing)
  })

  server.on("connection", (socket: Socket) => {
    if (skip) skipEmptyChunks(socket)
    recordHandleWrites(socket, writes)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))

  return {
    port: (server.address() as AddressInfo).port,
    writes,
    finished: () => finished,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) })
  }
}

describe("Responses without node's empty finishing chunk", () => {
  it("is supported by this node", () => {
    expect(skipsEmptyChunks).toBe(true)
  })

  it("writes a string response in one string write instead of a writev of it and an empty chunk", async () => {
    for (const skip of [false, true]) {
      const server = await serving((outgoing) => outgoing.end("héllo"), {skip})

      try {
        const answer = await request(server.port, "GET", "/")

        expect(answer.status).toBe(200)
        expect(answer.body).toBe("héllo")
        // node's own socket (the control) sends the header with the body and "" as one writev.
        expect(server.writes).toEqual(skip ? [{method: "writeUtf8String"}] : [{method: "writev", chunks: 4}])
        expect(server.finished()).toBe(1)
      } finally {
        await server.close()
      }
    }
  })

  it("still writes a buffer body and its header together, as a writev of the two", async () => {
    const body = Buffer.from([0, 1, 2, 250, 255])
    const server = await serving((outgoing) => outgoing.end(body), {skip: true})

    try {
      const raw = await rawExchange(server.port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

      expect(raw.startsWith("HTTP/1.1 200 OK\r\n")).toBe(true)
      expect(raw.includes("Content-Length: 5\r\n")).toBe(true)
      expect(Buffer.from(raw.slice(raw.indexOf("\r\n\r\n") + 4), "latin1")).toEqual(body)
      // Header and body, the empty chunk left out (interleaved as chunk, encoding).
      expect(server.writes).toEqual([{method: "writev", chunks: 4}])
      expect(server.finished()).toBe(1)
    } finally {
      await server.close()
    }
  })

  it("answers pipelined requests on one connection in order, each finished", async () => {
    let count = 0
    const server = await serving((outgoing) => outgoing.end(`answer ${++count}`), {skip: true})

    try {
      const raw = await rawExchange(server.port, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      const bodies = raw.split("HTTP/1.1 200 OK\r\n").slice(1).map((part) => part.slice(part.indexOf("\r\n\r\n") + 4))

      expect(bodies).toEqual(["answer 1", "answer 2", "answer 3"])
      expect(server.finished()).toBe(3)
      expect(server.writes.every(({method}) => method !== "writev")).toBe(true)
    } finally {
      await server.close()
    }
  })

  it("is what the Velocious server's connections do", async () => {
    const app = new TempApp("skip-empty-chunks")

    writeServerApp(app)

    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}, cookieSecret: "a test secret that is long enough"})

    await configuration.initialize()

    const server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})
    const writes: HandleWrite[] = []

    server.getNodeServer().on("connection", (socket: Socket) => recordHandleWrites(socket, writes))

    try {
      const {port} = await server.start()
      const first = await request(port, "GET", "/ping")
      const second = await request(port, "GET", "/ping")

      expect([first.status, second.status]).toEqual([200, 200])
      expect(JSON.parse(second.body).pong).toBe(true)
      expect(writes.length).toBe(2)
      expect(writes.every(({method}) => method !== "writev")).toBe(true)
    } finally {
      await server.stop()
      app.remove()
    }
  })
})
