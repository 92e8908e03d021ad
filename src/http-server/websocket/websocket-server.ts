import type {IncomingMessage, Server} from "node:http"
import type {Duplex} from "node:stream"
import {WebSocketServer, type WebSocket} from "ws"
import type Configuration from "../../configuration.js"
import Logger from "../../logger.js"
import Request from "../request.js"
import {httpSecurityFor} from "../security/http-security.js"
import {websocketOriginAllowed} from "../security/websocket-origin.js"
import RawWebsocketSession, {type RawWebsocketHandler} from "./raw-websocket-session.js"
import WebsocketSession, {type Dispatch} from "./websocket-session.js"
import type {WebsocketLimits} from "./websocket-limits.js"
import RequestWatchdog from "./request-watchdog.js"

export const websocketPath = "/websocket"

/**
 * Websockets on the HTTP server's own port: `/websocket` speaks the Velocious protocol, and any
 * path the app's websocketMessageHandlerResolver claims gets its raw handler.
 */
export default class WebsocketServer {
  private readonly configuration: Configuration
  private readonly limits: WebsocketLimits
  private readonly dispatch: Dispatch
  /** Made on the first upgrade (see upgrades()). */
  private wss: WebSocketServer | undefined
  private readonly logger: Logger
  private readonly alive = new WeakMap<WebSocket, boolean>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly watchdog: RequestWatchdog
  private closing = false

  constructor({server, configuration, limits, dispatch}: {server: Server, configuration: Configuration, limits: WebsocketLimits, dispatch: Dispatch}) {
    this.configuration = configuration
    this.limits = limits
    this.dispatch = dispatch
    this.logger = new Logger("Websocket", {configuration})
    server.on("upgrade", (incoming: IncomingMessage, socket: Duplex, head: Buffer) => { void this.onUpgrade(incoming, socket, head) })
    this.heartbeat = setInterval(() => this.ping(), limits.pingIntervalMs)
    this.heartbeat.unref()
    this.watchdog = new RequestWatchdog(limits.requestTimeoutMs)
  }

  connectionCount(): number {
    return this.wss?.clients.size ?? 0
  }

  /** Graceful shutdown: every connection gets a 1001 close, and is cut if it does not finish closing. */
  async close(timeoutMs = 2000): Promise<void> {
    this.closing = true
    clearInterval(this.heartbeat)
    this.watchdog.stop()

    const wss = this.wss
    const sockets = wss ? [...wss.clients] : []
    const closed = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => {
      if (socket.readyState === socket.CLOSED) return resolve()

      socket.once("close", () => resolve())
      socket.close(1001, "Server shutting down")
    })))
    let timer: NodeJS.Timeout | undefined

    await Promise.race([closed, new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs) })])
    clearTimeout(timer)
    if (!wss) return

    for (const socket of wss.clients) socket.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  }

  private async onUpgrade(incoming: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    try {
      if (this.closing) return refuse(socket, 503, "Service Unavailable")
      if (!websocketOriginAllowed(httpSecurityFor(this.configuration), incoming)) {
        void this.logger.warn(`Refused a websocket upgrade with cookies from the origin ${String(incoming.headers.origin)}: not this host (${String(incoming.headers.host)}) nor allowed by the cors option`)
        return refuse(socket, 403, "Forbidden")
      }

      const request = new Request({incoming, body: Buffer.alloc(0)})
      const resolver = this.configuration.options.websocketMessageHandlerResolver
      const handler = resolver ? await resolver({request, configuration: this.configuration}) as RawWebsocketHandler | undefined : undefined

      if (!handler && request.pathname() !== websocketPath) return refuse(socket, 404, "Not Found")

      this.upgrades().handleUpgrade(incoming, socket, head, (ws) => {
        this.alive.set(ws, true)
        ws.on("pong", () => this.alive.set(ws, true))
        ws.on("error", (error) => { void this.logger.debug(`Websocket error: ${error.message}`) })

        if (handler) new RawWebsocketSession({socket: ws, handler, request, configuration: this.configuration, limits: this.limits})
        else new WebsocketSession({socket: ws, upgrade: incoming, request, configuration: this.configuration, dispatch: this.dispatch, limits: this.limits, watchdog: this.watchdog})
      })
    } catch (error) {
      void this.logger.error("Websocket upgrade failed:", error)
      refuse(socket, 500, "Internal Server Error")
    }
  }

  /**
   * ws' server, made when the first connection upgrades rather than at boot: an app that serves
   * no websockets never constructs it. Besides its own setup, one more kind of EventEmitter at
   * boot made V8's inline caches in EventEmitter's initializer (which every request's
   * IncomingMessage and ServerResponse run) megamorphic: 500 instructions of every hello
   * (callgrind, bench/http/instructions.mjs).
   */
  private upgrades(): WebSocketServer {
    // ws closes a connection sending a bigger message with 1009 (message too big).
    return this.wss ||= new WebSocketServer({noServer: true, maxPayload: this.limits.maxMessageBytes, perMessageDeflate: false})
  }

  /** A connection that missed the previous ping's pong is dead (a cut cable sends no close). */
  private ping(): void {
    if (!this.wss) return

    for (const ws of this.wss.clients) {
      if (!this.alive.get(ws)) {
        ws.terminate()
        continue
      }

      this.alive.set(ws, false)
      ws.ping()
    }
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  else socket.destroy()
}
