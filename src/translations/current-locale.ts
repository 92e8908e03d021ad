import ScopedStorage from "../utils/scoped-storage.js"

// Off while no request or job has a locale of its own (see ScopedStorage): most need none.
const storage = new ScopedStorage<string>()

// The record layer must stay free of Node imports (it runs in the browser too), so it reads
// the per-request locale through this global hook instead of importing node:async_hooks.
const hookKey = Symbol.for("velocious.translations.contextLocale")

;(globalThis as unknown as Record<symbol, () => string | undefined>)[hookKey] = () => storage.getStore()

/** Runs `callback` with `locale` as the current locale for everything it awaits (a request, a job), without touching other requests. */
export function withLocale<Result>(locale: string | undefined, callback: () => Result): Result {
  if (!locale) return callback()

  return storage.run(locale, callback)
}

export function contextLocale(): string | undefined {
  return storage.getStore()
}
