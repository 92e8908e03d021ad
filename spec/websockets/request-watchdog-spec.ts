import RequestWatchdog, {type WatchedRequest} from "velocious/build/src/http-server/websocket/request-watchdog.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

function watched(name: string, startedAt: number, expired: string[]): WatchedRequest {
  return {startedAt, expire: () => { expired.push(name) }, watchPrevious: undefined, watchNext: undefined, watched: false}
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("RequestWatchdog", () => {
  it("keeps the waiting requests through any order of answers, and untracking twice is harmless", () => {
    const watchdog = new RequestWatchdog(60_000)
    const expired: string[] = []
    const now = performance.now()
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => watched(name, now, expired))

    try {
      for (const request of [a, b, c, d]) watchdog.track(request)
      watchdog.track(b)
      expect(watchdog.waitingCount()).toBe(4)

      // The middle, the oldest, the newest, then one already gone.
      watchdog.untrack(b)
      watchdog.untrack(a)
      watchdog.untrack(d)
      watchdog.untrack(b)
      expect(watchdog.waitingCount()).toBe(1)
      expect([c.watched, c.watchPrevious, c.watchNext]).toEqual([true, undefined, undefined])

      watchdog.untrack(c)
      expect(watchdog.waitingCount()).toBe(0)

      // Tracked again after the list emptied.
      watchdog.track(a)
      expect(watchdog.waitingCount()).toBe(1)
    } finally {
      watchdog.stop()
    }

    expect(watchdog.waitingCount()).toBe(0)
    expect(a.watched).toBe(false)
    expect(expired).toEqual([])
  })

  it("expires the requests that waited the timeout, oldest first, and leaves the later ones waiting", async () => {
    const watchdog = new RequestWatchdog(80)
    const expired: string[] = []
    const now = performance.now()
    const early = [watched("first", now - 500, expired), watched("second", now - 200, expired)]
    const answered = watched("answered", now - 100, expired)
    const recent = watched("recent", now + 10_000, expired)

    try {
      for (const request of [...early, answered, recent]) watchdog.track(request)
      watchdog.untrack(answered)

      // The watchdog looks every quarter of the timeout.
      await wait(150)
      expect(expired).toEqual(["first", "second"])
      expect(watchdog.waitingCount()).toBe(1)
      expect(recent.watched).toBe(true)
    } finally {
      watchdog.stop()
    }
  })
})
