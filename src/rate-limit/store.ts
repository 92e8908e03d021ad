export interface RateLimitCount {
  /** Hits in the current window, this one included. */
  count: number
  /** Epoch milliseconds when the window ends and the count starts again from 0. */
  resetAt: number
}

/**
 * Where rateLimit() counts. A fixed window per key: the first hit starts a window of
 * `windowMs`, and every hit in it adds one. Stores must count concurrent hits exactly (two
 * hits never both get the same count), also across processes for a shared store.
 * One conformance suite (spec/rate-limit/store-conformance-spec.ts) runs on every store.
 */
export interface RateLimitStore {
  increment(key: string, windowMs: number): Promise<RateLimitCount>
  /** Forgets a key's count (e.g. after a successful login). */
  reset(key: string): Promise<void>
  close(): Promise<void>
}
