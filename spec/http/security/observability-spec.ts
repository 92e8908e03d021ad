import BaseLogger from "velocious/build/src/logger/base-logger.js"
import type {LogEntry} from "velocious/build/src/logger/log-output.js"
import {textRequestLine} from "velocious/build/src/http-server/security/request-log.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../support/http-request.js"
import {useSecurityApp} from "./support/security-app.js"

class MemoryLogger extends BaseLogger {
  readonly entries: LogEntry[] = []

  override async write(entry: LogEntry) {
    this.entries.push(entry)
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("request ids, JSON request logs and the health check", {timeoutSeconds: 60}, () => {
  const {start} = useSecurityApp("observability")

  it("makes a request id, or takes a sane X-Request-Id, echoes it and gives it to the controller", async () => {
    const port = await start()
    const made = await request(port, "GET", "/whoami")

    expect(made.headers["x-request-id"]).toMatch(uuidPattern)
    expect(JSON.parse(made.body).requestId).toEqual(made.headers["x-request-id"])

    const given = await request(port, "GET", "/whoami", {headers: {"x-request-id": "edge-42@lb"}})

    expect(given.headers["x-request-id"]).toEqual("edge-42@lb")
    expect(JSON.parse(given.body).requestId).toEqual("edge-42@lb")

    // Anything else (spaces, quotes, too long) is replaced rather than echoed into headers and logs.
    for (const bad of ["has space", "x\"y", "a".repeat(256)]) expect((await request(port, "GET", "/whoami", {headers: {"x-request-id": bad}})).headers["x-request-id"]).toMatch(uuidPattern)

    expect((await request(port, "GET", "/nowhere")).headers["x-request-id"]).toMatch(uuidPattern)
  })

  it("sends no request id with requestId: false", async () => {
    const port = await start({requestId: false})
    const response = await request(port, "GET", "/whoami")

    expect(response.headers["x-request-id"]).toBeUndefined()
    expect(JSON.parse(response.body).requestId).toBe(null)
  })

  it("logs one JSON object per request with requestLogging: {format: \"json\"}, and the request id in error lines", async () => {
    const logger = new MemoryLogger({levels: ["info", "error"]})
    const port = await start({logging: {loggers: [logger]}, requestLogging: {format: "json"}})

    await request(port, "GET", "/session?secret=1", {headers: {"x-request-id": "abc-123", "user-agent": "spec"}})
    await request(port, "GET", "/boom", {headers: {"x-request-id": "boom-1"}})

    const lines = logger.entries.filter((entry) => entry.subject === "HttpServer" && entry.level === "info").map((entry) => JSON.parse(entry.message))

    expect(lines.length).toBe(2)
    expect(lines[0]).toEqual({event: "request", method: "GET", path: "/session", status: 200, durationMs: lines[0].durationMs, requestId: "abc-123", remoteAddress: "127.0.0.1", userAgent: "spec"})
    expect(typeof lines[0].durationMs).toEqual("number")
    expect(lines[1]).toMatchObject({path: "/boom", status: 500, requestId: "boom-1"})
    expect(logger.entries.some((entry) => entry.level === "error" && entry.message.startsWith("Error while handling GET /boom (request boom-1):"))).toBe(true)
  })

  it("logs `METHOD /path status duration` by default, the duration in tenths of a millisecond", async () => {
    const logger = new MemoryLogger({levels: ["info"]})
    const port = await start({logging: {loggers: [logger]}})

    await request(port, "GET", "/session?secret=1")

    const lines = logger.entries.filter((entry) => entry.subject === "HttpServer" && entry.level === "info").map((entry) => entry.message)

    expect(lines.length).toBe(1)
    expect(lines[0]).toMatch(/^GET \/session 200 \d+\.\dms$/)

    // Rounded as toFixed(1) would, including the carries.
    for (const durationMs of [0, 0.04, 0.05, 0.96, 1.25, 9.99, 12.96, 99.94, 99.95, 1234.56, 60000.04]) {
      expect([durationMs, textRequestLine("GET", "/x", 200, durationMs)]).toEqual([durationMs, `GET /x 200 ${(Math.round(durationMs * 10) / 10).toFixed(1)}ms`])
    }
    expect(textRequestLine("POST", "/tasks", 201, 1.3)).toBe("POST /tasks 201 1.3ms")
    // Every status, including ones outside 100-599 that a handler may set.
    for (const status of [100, 204, 418, 599, 600, 99, 0]) expect(textRequestLine("GET", "/", status, 2)).toBe(`GET / ${status} 2.0ms`)
  })

  it("refuses an unknown requestLogging format", async () => {
    await expect(start({requestLogging: {format: "xml" as never}})).rejects.toThrow(/format must be "text" or "json"/)
  })

  it("answers GET /up with 200 (green page or JSON) without a route, with no-store", async () => {
    const port = await start()
    const page = await request(port, "GET", "/up")

    expect(page.status).toBe(200)
    expect(page.body).toContain("background-color: green")
    expect(page.headers["cache-control"]).toEqual("no-store")
    expect(page.headers["x-content-type-options"]).toEqual("nosniff")

    const json = await request(port, "GET", "/up", {headers: {accept: "application/json"}})

    expect(JSON.parse(json.body)).toEqual({status: "up"})
    expect((await request(port, "HEAD", "/up")).status).toBe(200)
    expect((await request(port, "POST", "/up")).status).toBe(404)
  })

  it("answers 503 when the check throws, takes another path, and turns off with healthCheck: false", async () => {
    let healthy = true
    const logger = new MemoryLogger({levels: ["error"]})
    const port = await start({logging: {loggers: [logger]}, healthCheck: {path: "/health", check: async () => { if (!healthy) throw new Error("database is down") }}})

    expect((await request(port, "GET", "/health")).status).toBe(200)
    expect((await request(port, "GET", "/up")).status).toBe(404)

    healthy = false

    const down = await request(port, "GET", "/health", {headers: {accept: "application/json"}})

    expect(down.status).toBe(503)
    expect(JSON.parse(down.body)).toEqual({status: "down"})
    expect(logger.entries.some((entry) => entry.message.startsWith("Health check /health failed"))).toBe(true)

    expect((await request(await start({healthCheck: false}), "GET", "/up")).status).toBe(404)
  })
})
