// Never notified: Atomics.wait on it only ever times out.
const neverNotified = new Int32Array(new SharedArrayBuffer(4))

/**
 * Blocks the thread for `ms`, for the few places that must wait inside synchronous code (opening
 * a SQLite connection, the exit handler's last log flush) where no event loop turn is available.
 */
export function sleepSynchronously(ms: number): void {
  Atomics.wait(neverNotified, 0, 0, ms)
}
