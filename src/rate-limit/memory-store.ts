import type {RateLimitCount, RateLimitStore} from "./store.js"

interface Window {
  count: number
  resetAt: number
}

/** Counts in this process's memory: right for one process; with several workers or servers each counts on its own (use RedisRateLimitStore). */
export default class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, Window>()
  private sweeper: NodeJS.Timeout | undefined

  constructor({sweepIntervalMs = 60_000}: {sweepIntervalMs?: number} = {}) {
    // Without it, every client that ever came by would stay in the map.
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs)
    this.sweeper.unref()
  }

  async increment(key: string, windowMs: number): Promise<RateLimitCount> {
    checkWindow(windowMs)

    const now = Date.now()
    let window = this.windows.get(key)

    if (!window || window.resetAt <= now) {
      window = {count: 0, resetAt: now + windowMs}
      this.windows.set(key, window)
    }

    window.count++

    return {count: window.count, resetAt: window.resetAt}
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key)
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper)
    this.sweeper = undefined
    this.windows.clear()
  }

  /** How many keys are held (for tests of the sweep). */
  size(): number {
    return this.windows.size
  }

  sweep(): void {
    const now = Date.now()

    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key)
  }
}

export function checkWindow(windowMs: number): void {
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`A rate limit window must be a number of milliseconds above 0, got ${String(windowMs)}`)
}
