type Listener<Args extends unknown[]> = (...args: Args) => void
// Stored untyped: each name's listeners are only ever called with that name's arguments.
type AnyListener = (...args: any[]) => void

/**
 * The part of Node's EventEmitter the framework's buses use (on/once/off/emit), written so it
 * loads in a browser bundle as well: the configuration's error events must exist before an
 * environment handler is chosen, and behave the same under Node and in the browser.
 */
export default class EventEmitter<Events extends {[Name in keyof Events]: unknown[]}> {
  private readonly listeners = new Map<keyof Events, AnyListener[]>()

  on<Name extends keyof Events>(name: Name, listener: Listener<Events[Name]>): this {
    this.listeners.set(name, [...(this.listeners.get(name) || []), listener as unknown as AnyListener])

    return this
  }

  addListener<Name extends keyof Events>(name: Name, listener: Listener<Events[Name]>): this {
    return this.on(name, listener)
  }

  once<Name extends keyof Events>(name: Name, listener: Listener<Events[Name]>): this {
    const once = ((...args: Events[Name]) => {
      this.off(name, once)
      listener(...args)
    }) as Listener<Events[Name]> & {original?: unknown}

    once.original = listener

    return this.on(name, once)
  }

  off<Name extends keyof Events>(name: Name, listener: Listener<Events[Name]>): this {
    const listeners = this.listeners.get(name)

    if (!listeners) return this

    const index = listeners.findIndex((each) => each === (listener as unknown) || (each as {original?: unknown}).original === listener)

    if (index >= 0) listeners.splice(index, 1)
    if (listeners.length === 0) this.listeners.delete(name)

    return this
  }

  removeListener<Name extends keyof Events>(name: Name, listener: Listener<Events[Name]>): this {
    return this.off(name, listener)
  }

  removeAllListeners(name?: keyof Events): this {
    if (name === undefined) this.listeners.clear()
    else this.listeners.delete(name)

    return this
  }

  listenerCount(name: keyof Events): number {
    return this.listeners.get(name)?.length ?? 0
  }

  /** Calls the listeners in order with a copy of the list, so one that removes itself does not skip the next. */
  emit<Name extends keyof Events>(name: Name, ...args: Events[Name]): boolean {
    const listeners = this.listeners.get(name)

    if (!listeners) return false

    for (const listener of [...listeners]) (listener as unknown as Listener<Events[Name]>)(...args)

    return true
  }
}
