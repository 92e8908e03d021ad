import MemoryRateLimitStore from "velocious/build/src/rate-limit/memory-store.js"
import RedisRateLimitStore from "velocious/build/src/rate-limit/redis-store.js"
import Controller from "velocious/build/src/controller.js"
import BaseLogger from "velocious/build/src/logger/base-logger.js"
import type {LogEntry} from "velocious/build/src/logger/log-output.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../support/http-request.js"
import {useSecurityApp} from "./support/security-app.js"

const json = {accept: "application/json", "content-type": "application/json"}

describe("rateLimit() in controllers", {timeoutSeconds: 60}, () => {
  const stores: {close(): Promise<void>}[] = []
  const {start} = useSecurityApp("rate-limit", {afterEachTest: async () => {
    for (const each of stores.splice(0)) await each.close()
  }})

  it("answers 429 with Retry-After past `to` requests in the window (per client IP by default)", async () => {
    const port = await start()
    const statuses: number[] = []

    for (let index = 0; index < 5; index++) statuses.push((await request(port, "GET", "/limited", {headers: {accept: "application/json"}})).status)

    expect(statuses).toEqual([200, 200, 200, 429, 429])

    const limited = await request(port, "GET", "/limited", {headers: {accept: "application/json"}})

    expect(JSON.parse(limited.body)).toEqual({error: "Too many requests", status: 429})
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60)
    expect((await request(port, "GET", "/limited")).body).toEqual("Too many requests")
  })

  it("counts by what `by` returns, under its own name, and only for its action", async () => {
    const port = await start()
    const login = (email: string) => request(port, "POST", "/limited-login", {body: JSON.stringify({email}), headers: json})

    expect([(await login("a@example.com")).status, (await login("a@example.com")).status, (await login("a@example.com")).status]).toEqual([200, 200, 429])
    expect((await login("b@example.com")).status).toBe(200)
    // The index limit (3) is its own count.
    expect((await request(port, "GET", "/limited")).status).toBe(200)
  })

  it("lets `with` answer a limited request", async () => {
    const port = await start()

    expect((await request(port, "GET", "/limited-custom")).status).toBe(200)

    const limited = await request(port, "GET", "/limited-custom")

    expect(limited.status).toBe(302)
    expect(limited.headers.location).toEqual("/slow-down")
  })

  it("shares the count between servers through a RedisRateLimitStore", async () => {
    const prefix = `h3:rate-limit-http:${process.pid}:${Date.now()}:`
    const first = new RedisRateLimitStore({prefix})
    const second = new RedisRateLimitStore({prefix})

    stores.push(first, second)

    const [portOne, portTwo] = [await start({rateLimitStore: first}), await start({rateLimitStore: second})]
    const statuses = []

    for (const port of [portOne, portTwo, portOne, portTwo]) statuses.push((await request(port, "GET", "/limited")).status)

    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it("keeps servers apart with their own memory stores", async () => {
    const [one, two] = [new MemoryRateLimitStore(), new MemoryRateLimitStore()]

    stores.push(one, two)

    const [portOne, portTwo] = [await start({rateLimitStore: one}), await start({rateLimitStore: two})]

    for (let index = 0; index < 3; index++) expect((await request(portOne, "GET", "/limited")).status).toBe(200)

    expect((await request(portOne, "GET", "/limited")).status).toBe(429)
    expect((await request(portTwo, "GET", "/limited")).status).toBe(200)
  })

  it("lets requests through, and logs why, when the store fails (Redis down)", async () => {
    const entries: LogEntry[] = []
    const logger = new (class extends BaseLogger { override async write(entry: LogEntry) { entries.push(entry) } })({levels: ["error"]})
    // Nothing listens on port 1.
    const broken = new RedisRateLimitStore({url: "redis://127.0.0.1:1", prefix: "h3:broken:"})

    stores.push(broken)

    const port = await start({rateLimitStore: broken, logging: {loggers: [logger]}})

    for (let index = 0; index < 4; index++) expect((await request(port, "GET", "/limited")).status).toBe(200)
    expect(entries.some((entry) => entry.subject === "RateLimit" && entry.message.startsWith("The rate limit store failed, so rate-limit:limited:127.0.0.1 was not limited:"))).toBe(true)
  })

  it("rejects options that would not work", () => {
    class Checked extends Controller {}

    expect(() => Checked.rateLimit({to: 0, within: 60})).toThrow(/to must be a whole number of requests of 1 or more/)
    expect(() => Checked.rateLimit({to: 1, within: -1})).toThrow(/within must be a number of seconds above 0/)
    expect(() => Checked.rateLimit({to: 1, within: 1, per: 2} as never)).toThrow(/Unknown option 'per' given to rateLimit\(\) on Checked/)
  })
})
