// Runs in browsers and Node 20+: no Node import at the top level. Node 20 has no global
// WebSocket, so there `ws` is imported on connect().

export interface WebsocketClientOptions {
  url: string
  /** Reconnect after an unexpected close. Default true. */
  reconnect?: boolean
  /** First reconnect delay, doubled per failed attempt up to maxReconnectDelayMs. Default 250. */
  reconnectDelayMs?: number
  maxReconnectDelayMs?: number
  /** A request without an answer by then rejects. Default 60000. */
  requestTimeoutMs?: number
  /** A WebSocket constructor (browser-compatible API); default globalThis.WebSocket, else `ws`. */
  WebSocket?: WebSocketConstructor
}

const optionKeys = ["url", "reconnect", "reconnectDelayMs", "maxReconnectDelayMs", "requestTimeoutMs", "WebSocket"]

interface SocketLike {
  readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  addEventListener(type: string, listener: (event: any) => void): void
}

type WebSocketConstructor = new (url: string) => SocketLike

export class WebsocketClientError extends Error {
  override name = "WebsocketClientError"
}

/** A websocket request's answer, shaped like an HTTP response. */
export class WebsocketResponse {
  readonly statusCode: number
  readonly headers: Record<string, string | string[]>
  readonly body: string

  constructor({statusCode, headers, body}: {statusCode: number, headers?: Record<string, string | string[]>, body?: string}) {
    this.statusCode = statusCode
    this.headers = headers || {}
    this.body = body ?? ""
  }

  json(): any {
    return JSON.parse(this.body)
  }

  text(): string {
    return this.body
  }
}

type Listener = (payload: any) => void

interface Pending {
  resolve: (response: WebsocketResponse) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

/** HTTP-like calls and event subscriptions over one websocket to a Velocious server. */
export default class WebsocketClient {
  private readonly options: WebsocketClientOptions
  private socket: SocketLike | undefined
  private readonly pending = new Map<string, Pending>()
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly channelParams = new Map<string, Record<string, unknown> | undefined>()
  private nextId = 1
  private closedByUser = false
  private attempts = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined
  private connecting: Promise<void> | undefined

  constructor(options: WebsocketClientOptions) {
    for (const key of Object.keys(options)) {
      if (!optionKeys.includes(key)) throw new WebsocketClientError(`Unknown option '${key}' given to new WebsocketClient(). Valid options: ${optionKeys.join(", ")}`)
    }
    if (typeof options.url !== "string") throw new WebsocketClientError("new WebsocketClient() needs a url, like ws://localhost:3006/websocket")

    this.options = options
  }

  /** Opens the connection; rejects if the first attempt fails (later drops reconnect on their own). */
  connect(): Promise<void> {
    this.closedByUser = false
    this.connecting ||= this.open().finally(() => { this.connecting = undefined })

    return this.connecting
  }

  isOpen(): boolean {
    return this.socket?.readyState === 1
  }

  get(path: string, body?: unknown): Promise<WebsocketResponse> { return this.request("GET", path, body) }
  post(path: string, body?: unknown): Promise<WebsocketResponse> { return this.request("POST", path, body) }
  put(path: string, body?: unknown): Promise<WebsocketResponse> { return this.request("PUT", path, body) }
  patch(path: string, body?: unknown): Promise<WebsocketResponse> { return this.request("PATCH", path, body) }
  delete(path: string, body?: unknown): Promise<WebsocketResponse> { return this.request("DELETE", path, body) }

  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<WebsocketResponse> {
    const socket = this.socket

    if (!socket || socket.readyState !== 1) return Promise.reject(new WebsocketClientError(`Not connected: await client.connect() before ${method} ${path}`))

    const id = String(this.nextId++)

    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? 60_000
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new WebsocketClientError(`${method} ${path}: no response within ${timeoutMs}ms`))
      }, timeoutMs)

      this.pending.set(id, {resolve, reject, timer})
      socket.send(JSON.stringify({type: "request", id, method, path, body, headers}))
    })
  }

  /** Calls `listener` with each event's payload on `channel`; returns the function that stops it. */
  on(channel: string, listener: Listener, params?: Record<string, unknown>): () => void {
    let set = this.listeners.get(channel)

    if (!set) {
      this.listeners.set(channel, set = new Set())
      this.channelParams.set(channel, params)
      this.sendIfOpen({type: "subscribe", channel, params})
    }
    set.add(listener)

    return () => {
      set.delete(listener)
      if (set.size > 0 || this.listeners.get(channel) !== set) return

      this.listeners.delete(channel)
      this.channelParams.delete(channel)
      this.sendIfOpen({type: "unsubscribe", channel})
    }
  }

  async close(): Promise<void> {
    this.closedByUser = true
    clearTimeout(this.reconnectTimer)

    const socket = this.socket

    this.socket = undefined
    this.failPending("The client was closed")
    if (!socket || socket.readyState === 3) return

    await new Promise<void>((resolve) => {
      socket.addEventListener("close", () => resolve())
      socket.close(1000)
    })
  }

  private async open(): Promise<void> {
    const WebSocketClass = this.options.WebSocket || await defaultWebSocket()
    const socket = new WebSocketClass(this.options.url)

    await new Promise<void>((resolve, reject) => {
      let opened = false

      socket.addEventListener("open", () => {
        opened = true
        this.socket = socket
        this.attempts = 0
        // Re-subscribe everything after a reconnect.
        for (const [channel] of this.listeners) socket.send(JSON.stringify({type: "subscribe", channel, params: this.channelParams.get(channel)}))
        resolve()
      })
      socket.addEventListener("message", (event: {data: unknown}) => this.onMessage(String(event.data)))
      socket.addEventListener("error", () => {
        if (!opened) reject(new WebsocketClientError(`Could not connect to ${this.options.url}`))
      })
      socket.addEventListener("close", () => {
        if (!opened) return reject(new WebsocketClientError(`Could not connect to ${this.options.url}`))
        if (this.socket === socket) this.socket = undefined

        this.failPending("The connection closed before the response arrived")
        this.scheduleReconnect()
      })
    })
  }

  private scheduleReconnect(): void {
    if (this.closedByUser || this.options.reconnect === false) return

    const base = this.options.reconnectDelayMs ?? 250
    const delay = Math.min(base * 2 ** this.attempts, this.options.maxReconnectDelayMs ?? 10_000)

    this.attempts++
    this.reconnectTimer = setTimeout(() => {
      if (this.closedByUser) return

      this.connect().catch(() => this.scheduleReconnect())
    }, delay * (0.8 + Math.random() * 0.4))
  }

  private onMessage(text: string): void {
    let message: {type?: string, id?: string, channel?: string, payload?: unknown, statusCode?: number, headers?: Record<string, string>, body?: string, error?: string}

    try {
      message = JSON.parse(text)
    } catch {
      return
    }

    if (message.type === "response" && message.id !== undefined) {
      const pending = this.pending.get(String(message.id))

      if (!pending) return

      this.pending.delete(String(message.id))
      clearTimeout(pending.timer)
      pending.resolve(new WebsocketResponse({statusCode: Number(message.statusCode), headers: message.headers, body: message.body}))
    } else if (message.type === "event" && message.channel) {
      for (const listener of [...this.listeners.get(message.channel) || []]) listener(message.payload)
    } else if (message.type === "error" && message.id !== undefined) {
      const pending = this.pending.get(String(message.id))

      if (!pending) return

      this.pending.delete(String(message.id))
      clearTimeout(pending.timer)
      pending.reject(new WebsocketClientError(message.error || "The server refused the request"))
    }
  }

  private sendIfOpen(message: unknown): void {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(message))
  }

  private failPending(reason: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer)
      pending.reject(new WebsocketClientError(reason))
      this.pending.delete(id)
    }
  }
}

async function defaultWebSocket(): Promise<WebSocketConstructor> {
  const global = (globalThis as {WebSocket?: WebSocketConstructor}).WebSocket

  if (global) return global

  // A variable, so bundlers do not pull `ws` into a browser build.
  const wsModule = "ws"
  const loaded = await import(/* @vite-ignore */ wsModule) as {default?: WebSocketConstructor, WebSocket?: WebSocketConstructor}

  return (loaded.WebSocket || loaded.default) as WebSocketConstructor
}
