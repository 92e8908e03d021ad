import MemoryRateLimitStore from "velocious/build/src/rate-limit/memory-store.js"
import RedisRateLimitStore from "velocious/build/src/rate-limit/redis-store.js"
import type {RateLimitStore} from "velocious/build/src/rate-limit/store.js"
import {afterEach, describe, expect, it} from "velocious/build/src/testing/test.js"

/** Keys of these specs all start with this on the shared Redis server. */
export const redisPrefix = "h3:rate-limit-spec:"

const storesUnderTest: {name: string, shared: boolean, build: () => RateLimitStore}[] = [
  {name: "memory", shared: false, build: () => new MemoryRateLimitStore()},
  {name: "redis", shared: true, build: () => new RedisRateLimitStore({url: "redis://127.0.0.1:6379", prefix: redisPrefix})}
]

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let keyCounter = 0

for (const storeUnderTest of storesUnderTest) {
  describe(`Rate limit store conformance - ${storeUnderTest.name}`, {timeoutSeconds: 30}, () => {
    const opened: RateLimitStore[] = []

    function store(): RateLimitStore {
      const built = storeUnderTest.build()

      opened.push(built)

      return built
    }

    // Unique per run, so a rerun (or another process) never sees old counts.
    const key = (label: string) => `${label}:${process.pid}:${Date.now()}:${keyCounter++}`

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close()
    })

    it("counts hits in a window, and says when it ends", async () => {
      const limiter = store()
      const name = key("count")
      const before = Date.now()
      const first = await limiter.increment(name, 60_000)
      const second = await limiter.increment(name, 60_000)

      expect([first.count, second.count]).toEqual([1, 2])
      expect(first.resetAt).toBeGreaterThanOrEqual(before + 59_000)
      expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 60_000)
      // The window runs from the first hit: a later hit does not move its end.
      expect(Math.abs(second.resetAt - first.resetAt)).toBeLessThanOrEqual(50)
    })

    it("keeps keys apart", async () => {
      const limiter = store()
      const [a, b] = [key("a"), key("b")]

      await limiter.increment(a, 60_000)
      await limiter.increment(a, 60_000)

      expect((await limiter.increment(b, 60_000)).count).toBe(1)
      expect((await limiter.increment(a, 60_000)).count).toBe(3)
    })

    it("counts concurrent hits exactly: each gets its own count", async () => {
      const limiter = store()
      const name = key("concurrent")
      const counts = (await Promise.all(Array.from({length: 50}, () => limiter.increment(name, 60_000)))).map((result) => result.count)

      expect([...counts].sort((left, right) => left - right)).toEqual(Array.from({length: 50}, (_, index) => index + 1))
    })

    it("starts again at 1 once the window is over", async () => {
      const limiter = store()
      const name = key("window")

      await limiter.increment(name, 150)
      await limiter.increment(name, 150)
      await delay(400)

      expect((await limiter.increment(name, 150)).count).toBe(1)
    })

    it("forgets a key on reset()", async () => {
      const limiter = store()
      const name = key("reset")

      await limiter.increment(name, 60_000)
      await limiter.increment(name, 60_000)
      await limiter.reset(name)

      expect((await limiter.increment(name, 60_000)).count).toBe(1)
    })

    it("refuses a window that is not a positive number of milliseconds", async () => {
      const limiter = store()

      await expect(limiter.increment(key("bad"), 0)).rejects.toThrow(/window must be a number of milliseconds above 0/)
      await expect(limiter.increment(key("bad"), Number.NaN)).rejects.toThrow(/window must be/)
    })

    if (storeUnderTest.shared) {
      it("shares counts between separate store instances (as separate processes would)", async () => {
        const [one, two] = [store(), store()]
        const name = key("shared")

        await one.increment(name, 60_000)

        expect((await two.increment(name, 60_000)).count).toBe(2)
      })
    }
  })
}

describe("MemoryRateLimitStore", () => {
  it("sweeps windows that are over, so idle clients do not stay in memory", async () => {
    const limiter = new MemoryRateLimitStore()

    try {
      await limiter.increment("gone", 50)
      await limiter.increment("kept", 60_000)
      await delay(120)
      limiter.sweep()

      expect(limiter.size()).toBe(1)
    } finally {
      await limiter.close()
    }
  })
})

describe("RedisRateLimitStore", () => {
  it("rejects unknown options and says which", () => {
    expect(() => new RedisRateLimitStore({prefx: "x"} as never)).toThrow(/Unknown option 'prefx'.*Did you mean 'prefix'/)
  })

  it("puts its prefix on the Redis key and sets the window as the key's expiry", async () => {
    const limiter = new RedisRateLimitStore({prefix: redisPrefix})
    const {Redis} = await import("ioredis")
    const redis = new Redis("redis://127.0.0.1:6379")
    const name = `expiry:${process.pid}:${Date.now()}`

    try {
      await limiter.increment(name, 60_000)

      const ttl = await redis.pttl(`${redisPrefix}${name}`)

      expect(ttl).toBeGreaterThan(50_000)
      expect(ttl).toBeLessThanOrEqual(60_000)
      expect(await redis.get(`${redisPrefix}${name}`)).toEqual("1")
    } finally {
      await redis.del(`${redisPrefix}${name}`)
      redis.disconnect()
      await limiter.close()
    }
  })
})
