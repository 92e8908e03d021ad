import {checkWindow} from "./memory-store.js"
import type {RateLimitCount, RateLimitStore} from "./store.js"
import {checkKeys} from "../utils/check-keys.js"

export interface RedisRateLimitStoreOptions {
  /** Default redis://127.0.0.1:6379 */
  url?: string
  /** Prepended to every key, so apps sharing a Redis stay apart. Default "velocious:". */
  prefix?: string
}

interface RedisClient {
  connect(): Promise<unknown>
  eval(script: string, keyCount: number, ...args: (string | number)[]): Promise<unknown>
  del(key: string): Promise<unknown>
  on(event: string, listener: (...args: any[]) => void): unknown
  quit(): Promise<unknown>
  disconnect(): void
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient

// One round trip, atomic in Redis: the first hit of a window sets its expiry. A key left without
// one (its expiry lost) gets it here too, so it can never count forever.
const incrementScript = `
local count = redis.call("INCR", KEYS[1])
local ttl = redis.call("PTTL", KEYS[1])
if count == 1 or ttl < 0 then
  redis.call("PEXPIRE", KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`

/** Counts in Redis (ioredis), shared by every worker and server using the same Redis and prefix. */
export default class RedisRateLimitStore implements RateLimitStore {
  private readonly url: string
  private readonly prefix: string
  private client: Promise<RedisClient> | undefined

  constructor(options: RedisRateLimitStoreOptions = {}) {
    checkKeys(options, ["url", "prefix"], "new RedisRateLimitStore()")
    this.url = options.url ?? "redis://127.0.0.1:6379"
    this.prefix = options.prefix ?? "velocious:"
  }

  async increment(key: string, windowMs: number): Promise<RateLimitCount> {
    checkWindow(windowMs)

    const client = await this.connected()
    const [count, ttl] = await client.eval(incrementScript, 1, this.prefix + key, Math.ceil(windowMs)) as [number, number]

    return {count: Number(count), resetAt: Date.now() + Number(ttl)}
  }

  async reset(key: string): Promise<void> {
    await (await this.connected()).del(this.prefix + key)
  }

  async close(): Promise<void> {
    const pending = this.client

    this.client = undefined
    if (!pending) return

    const client = await pending.catch(() => undefined)

    if (!client) return

    try { await client.quit() } catch { client.disconnect() }
  }

  private connected(): Promise<RedisClient> {
    this.client ||= (async () => {
      const Redis = await loadIoredis()
      const RedisClass = typeof Redis === "function" ? Redis : Redis.Redis
      // No offline queue: while Redis is away a count fails at once (and the limiter lets the
      // request through) instead of holding every request until Redis is back.
      const client = new RedisClass(this.url, {lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000})

      // Failed commands reject (and the limiter reports them); ioredis reconnects by itself.
      client.on("error", () => {})

      try {
        await client.connect()
      } catch (error) {
        client.disconnect()
        throw error
      }

      return client
    })()

    // A first connection that failed is tried again on the next count.
    this.client.catch(() => { this.client = undefined })

    return this.client
  }
}

export class MissingRedisPackageError extends Error {
  override name = "MissingRedisPackageError"
}

// ioredis is an optional peer dependency: imported only when a Redis store is used.
async function loadIoredis(): Promise<RedisConstructor | {Redis: RedisConstructor}> {
  const packageName = "ioredis"

  try {
    const loaded = await import(/* @vite-ignore */ packageName) as {default?: unknown}

    return (loaded.default ?? loaded) as RedisConstructor | {Redis: RedisConstructor}
  } catch (error) {
    const code = (error as {code?: unknown}).code

    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new MissingRedisPackageError("RedisRateLimitStore needs the \"ioredis\" package, which is not installed. Install it with: npm install ioredis", {cause: error})
    }

    throw error
  }
}
