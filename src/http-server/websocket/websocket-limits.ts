import {checkKeys} from "../../utils/check-keys.js"

/** The `websocket` option of new HttpServer(). */
export interface WebsocketLimits {
  /** Bigger messages close the connection with 1009. Default 1 MB. */
  maxMessageBytes: number
  /** A connection whose unsent data passes this is dropped. Default 4 MB. */
  maxBufferedBytes: number
  /** Ping every this often; a connection that has not answered the previous ping is dropped. Default 30000. */
  pingIntervalMs: number
  /** Subscriptions one connection may hold. Default 100. */
  maxSubscriptions: number
  /** A request without a response by then is answered 504. Default 60000. */
  requestTimeoutMs: number
}

export const defaultWebsocketLimits: WebsocketLimits = {
  maxMessageBytes: 1024 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  pingIntervalMs: 30_000,
  maxSubscriptions: 100,
  requestTimeoutMs: 60_000
}

export function websocketLimits(options: Partial<WebsocketLimits> = {}): WebsocketLimits {
  checkKeys(options, Object.keys(defaultWebsocketLimits), "new HttpServer({websocket})")

  for (const [name, value] of Object.entries(options)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new RangeError(`new HttpServer({websocket}): ${name} must be a positive number, got ${String(value)}`)
  }

  return {...defaultWebsocketLimits, ...options}
}
