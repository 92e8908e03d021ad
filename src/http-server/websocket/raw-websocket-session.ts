import type {WebSocket} from "ws"
import type Configuration from "../../configuration.js"
import Logger from "../../logger.js"
import type Request from "../request.js"
import type {WebsocketLimits} from "./websocket-limits.js"

export interface RawWebsocketHandler {
  onOpen?: (args: {session: RawWebsocketSession, request: Request}) => unknown
  onMessage?: (args: {session: RawWebsocketSession, message: unknown, request: Request}) => unknown
  onClose?: (args: {session: RawWebsocketSession, code: number, reason: string, request: Request}) => unknown
  onError?: (args: {session: RawWebsocketSession, error: unknown, request: Request}) => unknown
}

/** A connection handed to an app's own handler (websocketMessageHandlerResolver): parsed JSON in, sendJson() out. */
export default class RawWebsocketSession {
  private readonly socket: WebSocket
  private readonly handler: RawWebsocketHandler
  private readonly request: Request
  private readonly limits: WebsocketLimits
  private readonly logger: Logger

  constructor({socket, handler, request, configuration, limits}: {socket: WebSocket, handler: RawWebsocketHandler, request: Request, configuration: Configuration, limits: WebsocketLimits}) {
    this.socket = socket
    this.handler = handler
    this.request = request
    this.limits = limits
    this.logger = new Logger("Websocket", {configuration})
    socket.on("message", (data) => {
      let message: unknown

      try {
        message = JSON.parse(data.toString())
      } catch (error) {
        if (handler.onError) return void this.call(() => handler.onError!({session: this, error, request}))

        return this.sendJson({type: "error", error: "Invalid JSON"})
      }
      void this.call(() => handler.onMessage?.({session: this, message, request}))
    })
    socket.on("close", (code, reason) => { void this.call(() => handler.onClose?.({session: this, code, reason: reason.toString(), request})) })
    void this.call(() => handler.onOpen?.({session: this, request}))
  }

  sendJson(message: unknown): void {
    if (this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) return this.socket.terminate()

    this.socket.send(JSON.stringify(message))
  }

  close(code = 1000, reason = ""): void {
    this.socket.close(code, reason)
  }

  getRequest(): Request {
    return this.request
  }

  private async call(hook: () => unknown): Promise<void> {
    try {
      await hook()
    } catch (error) {
      void this.logger.error("A raw websocket handler threw:", error)
      if (this.handler.onError) {
        try { await this.handler.onError({session: this, error, request: this.request}) } catch { /* reported above */ }
      }
    }
  }
}
