import http from "node:http"
import {serverResponseClass} from "./header-block-response.js"
import type {AddressInfo, Socket} from "node:net"
import type Configuration from "../configuration.js"
import Logger from "../logger.js"
import type Routes from "../routes/index.js"
import {checkKeys} from "../utils/check-keys.js"
import {HttpServerOptionError} from "./errors.js"
import RequestHandler from "./request-handler.js"
import {skipEmptyChunks} from "./skip-empty-chunks.js"
import {websocketLimits, type WebsocketLimits} from "./websocket/websocket-limits.js"
import WebsocketServer from "./websocket/websocket-server.js"

export interface HttpServerOptions {
  configuration: Configuration
  routes: Routes
  /** Default 127.0.0.1 */
  host?: string
  /** Default 3006; 0 picks a free port (see getPort()) */
  port?: number
  /** Request bodies over this many bytes get 413. Default 10 MB. */
  maxBodyBytes?: number
  /** How long an idle keep-alive connection stays open. Default 5000 ms. */
  keepAliveTimeoutMs?: number
  /**
   * How long a client may take to send a request's headers before it gets 408 and is closed
   * (slowloris). Default max(keepAliveTimeoutMs + 1000, 60000).
   */
  headersTimeoutMs?: number
  /** How long stop() waits for in-flight requests before cutting connections. Default 10000 ms. */
  shutdownTimeoutMs?: number
  /** Websocket limits (message size, send buffer, heartbeat, subscriptions, request timeout). */
  websocket?: Partial<WebsocketLimits>
}

export const defaultHost = "127.0.0.1"
export const defaultPort = 3006
export const defaultMaxBodyBytes = 10 * 1024 * 1024

const optionKeys = ["configuration", "routes", "host", "port", "maxBodyBytes", "keepAliveTimeoutMs", "headersTimeoutMs", "shutdownTimeoutMs", "websocket"]

/** One node:http server serving the app's routes. */
export default class HttpServer {
  private readonly options: HttpServerOptions
  private readonly server: http.Server
  private readonly handler: RequestHandler
  private readonly logger: Logger
  private inFlight = 0
  /** Resolves the drain's wait once no request is in flight. */
  private whenIdle: (() => void) | undefined
  private shuttingDown = false
  private stopping: Promise<void> | undefined
  private readonly websockets: WebsocketServer

  constructor(options: HttpServerOptions) {
    checkKeys(options, optionKeys, "new HttpServer()")
    for (const name of ["maxBodyBytes", "keepAliveTimeoutMs", "headersTimeoutMs", "shutdownTimeoutMs"] as const) checkNonNegative(options[name], name)

    this.options = options
    this.logger = new Logger("HttpServer", {configuration: options.configuration})
    this.handler = new RequestHandler({
      configuration: options.configuration,
      routes: options.routes,
      maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
      isShuttingDown: () => this.shuttingDown,
      // A callback rather than a .then() on handle()'s promise: one promise less per request.
      onHandled: () => this.requestDone()
    })
    // node checks for overdue headers every connectionsCheckingInterval (30 s by default); a short
    // headers timeout needs checks at least that often to mean anything.
    const checkingIntervalMs = options.headersTimeoutMs === undefined ? undefined : Math.max(250, Math.min(30_000, Math.floor(options.headersTimeoutMs / 2)))

    // serverResponseClass takes the security headers and request id into its header without node
    // checking them on every response (see header-block-response.ts).
    this.server = http.createServer({noDelay: true, connectionsCheckingInterval: checkingIntervalMs, ServerResponse: serverResponseClass}, (incoming, outgoing) => {
      // llhttp takes `GET /path` without a version as HTTP/0.9, which has no headers (no Host,
      // no Content-Length): refused, as Apache's strict mode does, rather than served.
      if (incoming.httpVersionMajor === 0) return refuseHttp09(outgoing)

      this.inFlight++
      this.handler.handle(incoming, outgoing)
    })
    this.server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000
    // Slightly above keepAliveTimeout, as node's docs advise, so a slow header is not cut mid-way.
    this.server.headersTimeout = options.headersTimeoutMs ?? Math.max(this.server.keepAliveTimeout + 1000, 60_000)
    this.server.on("connection", (socket: Socket) => {
      socket.setNoDelay(true)
      skipEmptyChunks(socket)
    })
    // Websocket requests go through the same handler, counted in flight like HTTP ones.
    this.websockets = new WebsocketServer({
      server: this.server,
      configuration: options.configuration,
      limits: websocketLimits(options.websocket),
      dispatch: (incoming, outgoing) => {
        this.inFlight++
        this.handler.handle(incoming, outgoing)
      }
    })
    // Malformed HTTP: node:http's parser rejects it; answer 4xx and close only that connection.
    this.server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable || error.code === "ECONNRESET") return socket.destroy()

      socket.end(clientErrorResponses[error.code ?? ""] ?? clientErrorResponses.default)
    })
  }

  async start(): Promise<{host: string, port: number}> {
    const host = this.options.host ?? defaultHost
    const {configuration} = this.options

    // Actions reach the databases through each pool's statement router (no connection is
    // pinned per request), which ensureGlobalConnections() turns on; it also makes a database
    // that cannot be reached fail the boot rather than the first request.
    if (configuration.options.database?.[configuration.getEnvironment()]) await configuration.ensureGlobalConnections()

    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject)
      this.server.listen(this.options.port ?? defaultPort, host, () => {
        this.server.off("error", reject)
        resolve()
      })
    })

    return {host, port: this.getPort()}
  }

  getPort(): number {
    return (this.server.address() as AddressInfo).port
  }

  getNodeServer(): http.Server {
    return this.server
  }

  /** Stops accepting, lets in-flight requests finish (up to shutdownTimeoutMs), then closes every connection. */
  stop(): Promise<void> {
    this.stopping ||= this.drain()

    return this.stopping
  }

  getWebsocketServer(): WebsocketServer {
    return this.websockets
  }

  private async drain(): Promise<void> {
    this.shuttingDown = true
    // Upgraded sockets keep server.close() waiting: close them (1001) first.
    await this.websockets.close()

    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))

    this.server.closeIdleConnections()

    const timeoutMs = this.options.shutdownTimeoutMs ?? 10_000
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), timeoutMs) })
    const drained = this.inFlight === 0 ? Promise.resolve(false) : new Promise<boolean>((resolve) => { this.whenIdle = () => resolve(false) })

    if (await Promise.race([drained, timedOut])) void this.logger.warn(`${this.inFlight} request(s) still running after ${timeoutMs}ms; closing their connections`)

    clearTimeout(timer)
    // Responses sent while draining asked for Connection: close; whatever is left is idle or overdue.
    this.server.closeAllConnections()
    await closed
  }

  private requestDone(): void {
    this.inFlight--

    if (this.inFlight === 0) this.whenIdle?.()
  }
}

// The statuses node's own clientError default sends: headers over maxHeaderSize are 431, headers
// that did not arrive within headersTimeout (slowloris) are 408; every other parse error is 400.
const clientErrorResponses: {[code: string]: string} = {
  HPE_HEADER_OVERFLOW: "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
  ERR_HTTP_REQUEST_TIMEOUT: "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
  default: "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
}

function refuseHttp09(outgoing: http.ServerResponse): void {
  outgoing.shouldKeepAlive = false
  outgoing.writeHead(400, {"content-type": "text/plain; charset=utf-8", connection: "close"}).end("HTTP/0.9 requests are not served; send HTTP/1.0 or HTTP/1.1\n")
}

function checkNonNegative(value: number | undefined, name: string): void {
  if (value === undefined || (typeof value === "number" && Number.isFinite(value) && value >= 0)) return

  throw new HttpServerOptionError(`new HttpServer(): ${name} must be a number of 0 or more, got ${typeof value === "string" ? `'${value}'` : String(value)}`)
}
