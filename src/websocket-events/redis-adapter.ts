import {loadOptionalPackage, type PubSubAdapter, type PubSubMessage} from "./adapter.js"

export interface RedisAdapterOptions {
  /** Default redis://127.0.0.1:6379 */
  url?: string
  /** Prepended to the Redis channel name, so apps sharing a Redis stay apart. Default "velocious:". */
  channelPrefix?: string
}

interface RedisClient {
  subscribe(channel: string): Promise<unknown>
  publish(channel: string, message: string): Promise<unknown>
  on(event: string, listener: (...args: any[]) => void): unknown
  quit(): Promise<unknown>
  disconnect(): void
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient

/** Fan-out across processes and machines through Redis PUBLISH/SUBSCRIBE (ioredis). */
export default class RedisAdapter implements PubSubAdapter {
  private readonly url: string
  private readonly redisChannel: string
  private publisher: RedisClient | undefined
  private subscriber: RedisClient | undefined

  constructor({url = "redis://127.0.0.1:6379", channelPrefix = "velocious:"}: RedisAdapterOptions = {}) {
    this.url = url
    this.redisChannel = `${channelPrefix}websocket-events`
  }

  async start(deliver: (message: PubSubMessage) => void): Promise<void> {
    const Redis = await loadOptionalPackage<RedisConstructor | {Redis: RedisConstructor}>("ioredis", "redis")
    const RedisClass = typeof Redis === "function" ? Redis : Redis.Redis

    // A subscribed connection can run no other command, so publishing needs a second one.
    this.publisher = new RedisClass(this.url, {maxRetriesPerRequest: 3})
    this.subscriber = new RedisClass(this.url, {maxRetriesPerRequest: 3})
    this.subscriber.on("message", (channel: string, text: string) => {
      if (channel === this.redisChannel) deliver(JSON.parse(text) as PubSubMessage)
    })
    // ioredis re-subscribes by itself after a reconnect; errors are logged there, not thrown here.
    this.publisher.on("error", () => {})
    this.subscriber.on("error", () => {})
    await this.subscriber.subscribe(this.redisChannel)
  }

  async publish(message: PubSubMessage): Promise<void> {
    if (!this.publisher) throw new Error("RedisAdapter#publish() before start()")

    await this.publisher.publish(this.redisChannel, JSON.stringify(message))
  }

  async close(): Promise<void> {
    const clients = [this.publisher, this.subscriber].filter((client): client is RedisClient => Boolean(client))

    this.publisher = this.subscriber = undefined
    await Promise.all(clients.map(async (client) => {
      try { await client.quit() } catch { client.disconnect() }
    }))
  }
}
