import {AsyncLocalStorage} from "node:async_hooks"
import {afterSettled} from "./promises.js"

/**
 * An AsyncLocalStorage that is switched off whenever no `run()` is in flight.
 *
 * On Node 20 an enabled AsyncLocalStorage makes async_hooks run for every promise and handle
 * in the process, also for the requests that never look at it: one `run()` per request costs
 * raw node:http about a tenth of its throughput (bench:http's raw-hello-als side). Velocious
 * needs a context only now and then (a transaction, a request's locale or ability), so each
 * store counts its runs and disables itself when the last one settles; a server whose
 * requests need none pays nothing.
 *
 * Code that outlives its run (a promise started inside and not awaited) no longer sees the
 * store once no run is in flight: a connection, locale or ability must not be used after its
 * run handed it back.
 */
export default class ScopedStorage<Store> {
  private readonly storage = new AsyncLocalStorage<Store>()
  private inFlight = 0

  getStore(): Store | undefined {
    return this.inFlight === 0 ? undefined : this.storage.getStore()
  }

  /** `callback` with `store` current for everything it awaits; a promise it returns is followed until it settles. */
  run<Result>(store: Store, callback: () => Result): Result {
    this.inFlight++

    return afterSettled(() => this.storage.run(store, callback), () => this.leave())
  }

  private leave(): void {
    if (--this.inFlight === 0) this.storage.disable()
  }
}
