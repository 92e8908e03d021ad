import type Configuration from "../configuration.js"
import Logger from "../logger.js"
import {checkKeys} from "../utils/check-keys.js"
import {WebsocketEventsConfigurationError, type PubSubAdapter, type PubSubMessage} from "./adapter.js"
import InProcessAdapter from "./in-process-adapter.js"

/** The `websocketEvents` configuration option. */
export interface WebsocketEventsOptions {
  /** "in-process" (default outside a cluster), "cluster" (default in a cluster worker), "redis", "pgsql", or an adapter object. */
  adapter?: "in-process" | "cluster" | "redis" | "pgsql" | PubSubAdapter
  /** For "redis": default redis://127.0.0.1:6379 */
  url?: string
  /** For "redis": prepended to the Redis channel. */
  channelPrefix?: string
  /** For "pgsql": pg Client options; default: the `default` database of the current environment. */
  connection?: Record<string, unknown>
  /** For "pgsql": the LISTEN/NOTIFY channel. */
  channel?: string
}

const optionKeys = ["adapter", "url", "channelPrefix", "connection", "channel"]

export type EventListener = (payload: unknown, channel: string) => void

/**
 * The event bus websockets subscribe to: publish() hands the event to the adapter, which fans
 * it out to every process; each process then calls its own listeners for that channel.
 */
export default class WebsocketEvents {
  private readonly configuration: Configuration | undefined
  private readonly options: WebsocketEventsOptions
  private readonly listeners = new Map<string, Set<EventListener>>()
  private readonly logger: Logger | undefined
  private adapter: PubSubAdapter | undefined
  private starting: Promise<PubSubAdapter> | undefined

  constructor({configuration, options = {}}: {configuration?: Configuration, options?: WebsocketEventsOptions} = {}) {
    checkKeys(options, optionKeys, "websocketEvents")
    this.configuration = configuration
    this.options = options
    this.logger = configuration ? new Logger("WebsocketEvents", {configuration}) : undefined
  }

  /** Connects the adapter (once); subscribe() and publish() call it themselves. */
  start(): Promise<PubSubAdapter> {
    this.starting ||= (async () => {
      const adapter = await this.buildAdapter()

      await adapter.start((message) => this.deliver(message))
      this.adapter = adapter

      return adapter
    })()
    // A failed start (Redis down at boot) is retried on the next call instead of failing forever.
    this.starting.catch(() => { this.starting = undefined })

    return this.starting
  }

  /**
   * Sends `payload` to every websocket subscribed to `channel`, in every process the adapter
   * reaches. Never rejects (it is called without await from actions): a failure is logged and
   * reported on the configuration's error events.
   */
  async publish(channel: string, payload?: unknown): Promise<void> {
    if (typeof channel !== "string" || channel === "") throw new TypeError(`publish(channel, payload): channel must be a non-empty string, got ${JSON.stringify(channel)}`)

    try {
      const adapter = this.adapter || await this.start()

      await adapter.publish({channel, payload: payload === undefined ? null : payload})
    } catch (error) {
      void this.logger?.error(`Publishing to websocket channel '${channel}' failed:`, error)
      try {
        this.configuration?.getErrorEvents().reportFrameworkError({error, context: {phase: "websocket-publish", channel}})
      } catch {
        // A failing listener must not turn publish into a rejection.
      }
    }
  }

  /** Calls `listener` for every event on `channel`; resolves, with the unsubscribe function, once the adapter is connected. */
  async subscribe(channel: string, listener: EventListener): Promise<() => void> {
    let set = this.listeners.get(channel)

    if (!set) this.listeners.set(channel, set = new Set())
    set.add(listener)
    await this.start()

    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(channel) === set) this.listeners.delete(channel)
    }
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0
  }

  async close(): Promise<void> {
    const starting = this.starting

    this.starting = undefined
    this.adapter = undefined
    if (starting) await (await starting.catch(() => undefined))?.close()
  }

  private deliver({channel, payload}: PubSubMessage): void {
    const set = this.listeners.get(channel)

    if (!set) return

    for (const listener of [...set]) {
      try {
        listener(payload, channel)
      } catch (error) {
        void this.logger?.error(`A listener of websocket channel '${channel}' threw:`, error)
      }
    }
  }

  private async buildAdapter(): Promise<PubSubAdapter> {
    const {adapter, url, channelPrefix, connection, channel} = this.options

    if (adapter && typeof adapter === "object") return adapter

    const name = adapter ?? (await isClusterWorker() ? "cluster" : "in-process")

    // Loaded by name only when chosen, so a browser bundle of the configuration never pulls in node:cluster, ioredis or pg.
    if (name === "in-process") return new InProcessAdapter()
    if (name === "cluster") {
      const modulePath = "./cluster-adapter.js"
      const {default: ClusterAdapter} = await import(/* @vite-ignore */ modulePath) as typeof import("./cluster-adapter.js")

      return new ClusterAdapter()
    }
    if (name === "redis") {
      const modulePath = "./redis-adapter.js"
      const {default: RedisAdapter} = await import(/* @vite-ignore */ modulePath) as typeof import("./redis-adapter.js")

      return new RedisAdapter({url, channelPrefix})
    }
    if (name === "pgsql") {
      const modulePath = "./pgsql-adapter.js"
      const {default: PgsqlAdapter} = await import(/* @vite-ignore */ modulePath) as typeof import("./pgsql-adapter.js")

      return new PgsqlAdapter({connection: connection || this.defaultPgConnection(), channel})
    }

    throw new WebsocketEventsConfigurationError(`websocketEvents.adapter must be "in-process", "cluster", "redis", "pgsql" or an adapter object with start, publish and close; got ${JSON.stringify(adapter)}`)
  }

  private defaultPgConnection(): Record<string, unknown> {
    const database = this.configuration?.options.database?.[this.configuration.getEnvironment()]?.default

    if (!database || database.type !== "pgsql") throw new WebsocketEventsConfigurationError("websocketEvents {adapter: \"pgsql\"} needs `connection` (pg Client options), or a `default` pgsql database in this environment")

    return {host: database.host, port: database.port, user: database.username, password: database.password, database: database.database}
  }
}

async function isClusterWorker(): Promise<boolean> {
  if (typeof process === "undefined" || !process.versions?.node) return false

  const clusterModule = "node:cluster"
  const {default: cluster} = await import(/* @vite-ignore */ clusterModule) as typeof import("node:cluster")

  return cluster.isWorker
}
