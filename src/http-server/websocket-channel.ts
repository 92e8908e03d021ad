import type Configuration from "../configuration.js"
import type Request from "./request.js"

/** What a channel needs from its connection (a WebsocketSession). */
export interface WebsocketChannelConnection {
  sendEvent(channel: string, payload: unknown): void
  close(code?: number, reason?: string): void
}

export interface WebsocketSubscription {
  channel: string
  params?: Record<string, unknown>
}

export interface WebsocketChannelArgs {
  configuration: Configuration
  connection: WebsocketChannelConnection
  request: Request
  subscription: WebsocketSubscription
}

/**
 * One subscription of one connection. Subclasses authorize in subscribed() and pick their
 * streams with streamFrom(); a channel that streams from nothing receives nothing, and its
 * subscribe is answered with an error.
 */
export default class WebsocketChannel {
  private readonly args: WebsocketChannelArgs
  private readonly stops: (() => void)[] = []
  private streamCount = 0
  private closed = false

  constructor(args: WebsocketChannelArgs) {
    this.args = args
  }

  /** Called once on subscribe: authorize, then streamFrom() what this connection may receive. */
  async subscribed(): Promise<void> {}

  /** Called on unsubscribe and when the connection closes. */
  async unsubscribed(): Promise<void> {}

  params(): Record<string, unknown> {
    return this.args.subscription.params || {}
  }

  getRequest(): Request {
    return this.args.request
  }

  getConfiguration(): Configuration {
    return this.args.configuration
  }

  getSubscription(): WebsocketSubscription {
    return this.args.subscription
  }

  /** Forwards every event published on `name` to this connection, as events of this subscription's channel. */
  async streamFrom(name: string): Promise<void> {
    if (this.closed) return

    this.streamCount++

    const stop = await this.args.configuration.getWebsocketEvents().subscribe(name, (payload) => {
      this.args.connection.sendEvent(this.args.subscription.channel, payload)
    })

    if (this.closed) stop()
    else this.stops.push(stop)
  }

  isStreaming(): boolean {
    return this.streamCount > 0
  }

  /** Closes the whole connection (e.g. when authorization fails). */
  close(code = 1008, reason = "Closed by the channel"): void {
    this.args.connection.close(code, reason)
  }

  /** Used by the connection: stops the streams and calls unsubscribed(). */
  async stop(): Promise<void> {
    if (this.closed) return

    this.closed = true
    for (const stop of this.stops.splice(0)) stop()
    await this.unsubscribed()
  }
}
