/**
 * A websocket request waiting for its response. The `watch*` fields belong to the RequestWatchdog
 * that tracks it (its place in the waiting list); nothing else reads or writes them.
 */
export interface WatchedRequest {
  /** performance.now() when it arrived */
  readonly startedAt: number
  /** Called once it has waited the whole timeout: answers it 504. */
  expire(): void
  watchPrevious: WatchedRequest | undefined
  watchNext: WatchedRequest | undefined
  watched: boolean
}

/**
 * Answers the websocket requests that outlive requestTimeoutMs, with one interval for all of
 * a server's requests instead of a setTimeout (and clearTimeout) per message, which was a
 * measurable part of a round trip. It looks every quarter of the timeout, so a request is
 * answered 504 between 1 and 1.25 timeouts after it arrived, and it runs only while some
 * request is waiting.
 *
 * The waiting requests are a list linked through the requests themselves, in arrival order:
 * adding and removing one touches two neighbours, and a sweep stops at the first request that
 * has not waited the timeout yet, since every later one arrived after it. A Set of the pending
 * requests cost about 1 µs per message (bench/websocket/in-process.mjs: 6.6-7.0 µs a round trip
 * with it, 5.7-5.8 with the tracking left out, 5.6-5.7 with this list).
 */
export default class RequestWatchdog {
  readonly timeoutMs: number
  /** The request that has waited longest. */
  private oldest: WatchedRequest | undefined
  private newest: WatchedRequest | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs
  }

  track(request: WatchedRequest): void {
    if (request.watched) return

    request.watched = true
    request.watchPrevious = this.newest
    request.watchNext = undefined
    if (this.newest) this.newest.watchNext = request
    else this.oldest = request
    this.newest = request

    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), Math.max(5, this.timeoutMs / 4))
      // The server's sockets keep the process up; this alone must not.
      this.timer.unref()
    }
  }

  untrack(request: WatchedRequest): void {
    if (!request.watched) return

    const {watchPrevious: previous, watchNext: next} = request

    if (previous) previous.watchNext = next
    else this.oldest = next
    if (next) next.watchPrevious = previous
    else this.newest = previous

    request.watched = false
    request.watchPrevious = undefined
    request.watchNext = undefined
  }

  /** How many requests are waiting (walks the list; for specs and diagnostics). */
  waitingCount(): number {
    let count = 0

    for (let request = this.oldest; request; request = request.watchNext) count++

    return count
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
    while (this.oldest) this.untrack(this.oldest)
  }

  private sweep(): void {
    const now = performance.now()

    while (this.oldest && now - this.oldest.startedAt >= this.timeoutMs) {
      const request = this.oldest

      this.untrack(request)
      request.expire()
    }

    if (this.oldest === undefined) {
      clearInterval(this.timer)
      this.timer = undefined
    }
  }
}
