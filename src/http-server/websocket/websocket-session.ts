import type {IncomingHttpHeaders, IncomingMessage, ServerResponse} from "node:http"
import type {WebSocket} from "ws"
import type Configuration from "../../configuration.js"
import Logger from "../../logger.js"
import type Request from "../request.js"
import WebsocketChannel, {type WebsocketSubscription} from "../websocket-channel.js"
import {adaptRequest, baseHeadersFor, type WebsocketRequestMessage, type WebsocketResponder, type WebsocketResponseParts} from "./websocket-request.js"
import type {WebsocketLimits} from "./websocket-limits.js"
import type {default as RequestWatchdog, WatchedRequest} from "./request-watchdog.js"

export type Dispatch = (incoming: IncomingMessage, outgoing: ServerResponse) => void

interface Subscription {
  stop: () => Promise<void>
}

/** One connection speaking the Velocious protocol: request/response, subscribe/unsubscribe, events. */
export default class WebsocketSession {
  private readonly socket: WebSocket
  private readonly upgrade: IncomingMessage
  private readonly request: Request
  private baseHeaders: IncomingHttpHeaders | undefined
  private readonly configuration: Configuration
  private readonly dispatch: Dispatch
  private readonly limits: WebsocketLimits
  private readonly watchdog: RequestWatchdog
  private readonly logger: Logger
  private readonly subscriptions = new Map<string, Subscription>()
  /** Subscribes still being set up: a later request waits for them, so its broadcasts reach this connection. */
  private subscribing: Promise<void> = Promise.resolve()
  private pendingSubscribes = 0
  private closed = false

  constructor(args: {socket: WebSocket, upgrade: IncomingMessage, request: Request, configuration: Configuration, dispatch: Dispatch, limits: WebsocketLimits, watchdog: RequestWatchdog}) {
    this.socket = args.socket
    this.upgrade = args.upgrade
    this.request = args.request
    this.configuration = args.configuration
    this.dispatch = args.dispatch
    this.limits = args.limits
    this.watchdog = args.watchdog
    this.logger = new Logger("Websocket", {configuration: args.configuration})
    this.socket.on("message", (data, isBinary) => {
      const text = data.toString()

      this.onMessage(text, isBinary, Buffer.isBuffer(data) ? data.length : Buffer.byteLength(text))
    })
    this.socket.on("close", () => { void this.onClose() })
    this.legacySubscribe()
  }

  sendJson(message: unknown): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return

    // A consumer that does not read fills its send buffer: drop it rather than buffer without end.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      void this.logger.warn(`Dropping a websocket connection whose send buffer passed ${this.limits.maxBufferedBytes} bytes`)
      this.socket.terminate()
      return
    }

    this.socket.send(JSON.stringify(message))
  }

  sendEvent(channel: string, payload: unknown): void {
    this.sendJson({type: "event", channel, payload})
  }

  close(code = 1000, reason = ""): void {
    this.socket.close(code, reason)
  }

  /** `receivedBytes`: the message's size as it arrived, which the body limit is checked against. */
  private onMessage(text: string, isBinary: boolean, receivedBytes: number): void {
    let message: Record<string, unknown>

    try {
      message = JSON.parse(text) as Record<string, unknown>
    } catch {
      return this.sendJson({type: "error", error: `Invalid JSON${isBinary ? " (binary frame)" : ""}: every message must be a JSON object with a type`})
    }
    if (!message || typeof message !== "object" || Array.isArray(message)) return this.sendJson({type: "error", error: "Every message must be a JSON object with a type"})

    const {type} = message

    if (type === "request") return this.onRequest(message, receivedBytes)
    if (type === "subscribe") return this.onSubscribe(message)
    if (type === "unsubscribe") return this.onUnsubscribe(message)

    this.sendJson({type: "error", error: `Unknown message type ${JSON.stringify(type)}: use "request", "subscribe" or "unsubscribe"`})
  }

  private onRequest(message: Record<string, unknown>, receivedBytes: number): void {
    const {id} = message

    if (typeof message.path !== "string" || !message.path.startsWith("/")) return this.sendJson({type: "error", id, error: "A request needs a path starting with /"})

    const pending = new PendingRequest(this, this.watchdog, id)
    const run = () => {
      const {incoming, outgoing} = adaptRequest(this.baseHeaders ||= baseHeadersFor(this.upgrade), this.upgrade, message as WebsocketRequestMessage, pending, receivedBytes)

      this.dispatch(incoming, outgoing)
    }

    this.watchdog.track(pending)
    if (this.pendingSubscribes > 0) void this.subscribing.then(run)
    else run()
  }

  private onSubscribe(message: Record<string, unknown>): void {
    const {channel} = message
    const params = message.params && typeof message.params === "object" ? message.params as Record<string, unknown> : undefined

    if (typeof channel !== "string" || channel === "") return this.sendJson({type: "error", error: "subscribe needs a channel (a non-empty string)"})
    if (this.subscriptions.has(channel)) return this.sendJson({type: "subscribed", channel})
    if (this.subscriptions.size + this.pendingSubscribes >= this.limits.maxSubscriptions) {
      return this.sendJson({type: "error", channel, error: `Too many subscriptions: at most ${this.limits.maxSubscriptions} per connection`})
    }

    this.queueSubscribe({channel, params})
  }

  private queueSubscribe(subscription: WebsocketSubscription): void {
    this.pendingSubscribes++
    this.subscribing = this.subscribing.then(async () => {
      try {
        await this.subscribe(subscription)
      } catch (error) {
        void this.logger.error(`Subscribing to '${subscription.channel}' failed:`, error)
        this.sendJson({type: "error", channel: subscription.channel, error: `Subscribing to '${subscription.channel}' failed`})
      } finally {
        this.pendingSubscribes--
      }
    })
  }

  private async subscribe(subscription: WebsocketSubscription): Promise<void> {
    const {channel} = subscription
    const resolver = this.configuration.options.websocketChannelResolver

    if (!resolver) {
      const stop = await this.configuration.getWebsocketEvents().subscribe(channel, (payload) => this.sendEvent(channel, payload))

      if (this.closed) return stop()

      this.subscriptions.set(channel, {stop: async () => stop()})
      return this.sendJson({type: "subscribed", channel})
    }

    const ChannelClass = await resolver({request: this.request, subscription})

    if (!isChannelClass(ChannelClass)) return this.sendJson({type: "error", channel, error: `Unknown channel '${channel}'`})

    const instance = new ChannelClass({configuration: this.configuration, connection: this, request: this.request, subscription})

    await instance.subscribed()

    if (this.closed) return void await instance.stop()
    if (!instance.isStreaming()) {
      await instance.stop()
      return this.sendJson({type: "error", channel, error: `Subscription to '${channel}' was rejected`})
    }

    this.subscriptions.set(channel, {stop: () => instance.stop()})
    this.sendJson({type: "subscribed", channel})
  }

  private onUnsubscribe(message: Record<string, unknown>): void {
    const {channel} = message

    if (typeof channel !== "string") return this.sendJson({type: "error", error: "unsubscribe needs a channel"})

    // After pending subscribes, so subscribe-then-unsubscribe ends unsubscribed.
    this.subscribing = this.subscribing.then(async () => {
      const subscription = this.subscriptions.get(channel)

      this.subscriptions.delete(channel)
      await subscription?.stop()
      this.sendJson({type: "unsubscribed", channel})
    })
  }

  /** `/websocket?channel=news&token=...`: subscribes at connect through the channel resolver, with the rest of the query as params. */
  private legacySubscribe(): void {
    if (!this.configuration.options.websocketChannelResolver) return

    const query = new URLSearchParams(this.request.queryString())
    const channel = query.get("channel")

    if (!channel) return

    query.delete("channel")
    this.queueSubscribe({channel, params: Object.fromEntries(query)})
  }

  private async onClose(): Promise<void> {
    if (this.closed) return

    this.closed = true
    await this.subscribing
    for (const subscription of this.subscriptions.values()) {
      try {
        await subscription.stop()
      } catch (error) {
        void this.logger.error("A channel's unsubscribed() threw:", error)
      }
    }
    this.subscriptions.clear()
  }
}

/** One request message until it is answered: by its action, or 504 by the watchdog once it waited requestTimeoutMs. */
class PendingRequest implements WebsocketResponder, WatchedRequest {
  readonly startedAt = performance.now()
  private answered = false
  // The watchdog's list links (see request-watchdog.ts).
  watchPrevious: WatchedRequest | undefined = undefined
  watchNext: WatchedRequest | undefined = undefined
  watched = false

  constructor(private readonly session: WebsocketSession, private readonly watchdog: RequestWatchdog, private readonly id: unknown) {}

  respond({statusCode, headers, body}: WebsocketResponseParts): void {
    if (this.answered) return

    this.answered = true
    this.watchdog.untrack(this)
    this.session.sendJson({type: "response", id: this.id, statusCode, headers, body})
  }

  expire(): void {
    this.respond({statusCode: 504, headers: {}, body: JSON.stringify({error: `No response within ${this.watchdog.timeoutMs}ms`})})
  }
}

function isChannelClass(value: unknown): value is typeof WebsocketChannel {
  return typeof value === "function" && (value === WebsocketChannel || value.prototype instanceof WebsocketChannel)
}
