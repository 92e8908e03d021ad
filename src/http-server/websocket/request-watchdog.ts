/** A websocket request waiting for its response. */
export interface WatchedRequest {
  /** performance.now() when it arrived */
  readonly startedAt: number
  /** Called once it has waited the whole timeout: answers it 504. */
  expire(): void
}

/**
 * Answers the websocket requests that outlive requestTimeoutMs, with one interval for all of
 * a server's requests instead of a setTimeout (and clearTimeout) per message, which was a
 * measurable part of a round trip. It looks every quarter of the timeout, so a request is
 * answered 504 between 1 and 1.25 timeouts after it arrived, and it runs only while some
 * request is waiting.
 */
export default class RequestWatchdog {
  readonly timeoutMs: number
  private readonly waiting = new Set<WatchedRequest>()
  private timer: NodeJS.Timeout | undefined

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs
  }

  track(request: WatchedRequest): void {
    this.waiting.add(request)

    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), Math.max(5, this.timeoutMs / 4))
      // The server's sockets keep the process up; this alone must not.
      this.timer.unref()
    }
  }

  untrack(request: WatchedRequest): void {
    this.waiting.delete(request)
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.waiting.clear()
  }

  private sweep(): void {
    const now = performance.now()

    for (const request of this.waiting) {
      if (now - request.startedAt < this.timeoutMs) continue

      this.waiting.delete(request)
      request.expire()
    }

    if (this.waiting.size === 0) {
      clearInterval(this.timer)
      this.timer = undefined
    }
  }
}
