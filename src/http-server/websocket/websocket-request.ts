import type {IncomingHttpHeaders, IncomingMessage, ServerResponse} from "node:http"
import {bodyInHand, DeferredBody} from "../read-body.js"
import {viaWebsocket} from "../request.js"
import {paramsInHand} from "../parse-body.js"
import type {Params} from "../nested-params.js"

export interface WebsocketRequestMessage {
  method?: string
  path?: string
  body?: unknown
  headers?: Record<string, string>
}

/** Takes the response of one request message. */
export interface WebsocketResponder {
  respond(parts: WebsocketResponseParts): void
}

export interface WebsocketResponseParts {
  statusCode: number
  headers: Record<string, string | string[]>
  body: string
}

/** The upgrade request's headers that describe the request, not the socket; worked out once per connection. */
export function baseHeadersFor(upgrade: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {}

  for (const [name, value] of Object.entries(upgrade.headers)) {
    if (!name.startsWith("sec-websocket") && name !== "upgrade" && name !== "connection") headers[name] = value
  }
  headers.accept = "application/json"

  return headers
}

/**
 * Turns a websocket request message into the IncomingMessage/ServerResponse pair the HTTP
 * request handler takes, so a websocket request runs the same router, params, cookies,
 * callbacks and error responses as HTTP. The upgrade request's headers (cookies, auth) are
 * the base (baseHeadersFor(), once per connection); the message's own headers override them.
 * A message with neither body nor headers reads the base object itself: the request side only
 * reads headers, and a copy per message was a measurable part of a round trip.
 *
 * A string body is the request's body as it is. An object body arrived parsed with the message:
 * it is handed to the action as params, and its JSON text (request.body()) is only written if
 * something reads it, as a JSON.stringify() and a Buffer per message were about a tenth of a
 * round trip. Such a request has no Content-Length (its body never was a run of bytes);
 * `receivedBytes`, the message's size, is what the body limit is checked against.
 */
export function adaptRequest(baseHeaders: IncomingHttpHeaders, upgrade: IncomingMessage, message: WebsocketRequestMessage, responder: WebsocketResponder, receivedBytes: number): {incoming: IncomingMessage, outgoing: ServerResponse} {
  const given = message.body
  const params = typeof given === "object" && given !== null && !Array.isArray(given) ? given as Params : undefined
  let body: Buffer | DeferredBody | undefined

  if (params !== undefined) body = new DeferredBody(() => Buffer.from(JSON.stringify(params), "utf8"), receivedBytes)
  else if (given !== undefined && given !== null) body = Buffer.from(typeof given === "string" ? given : JSON.stringify(given), "utf8")

  let headers = baseHeaders

  if (body || message.headers) {
    // Object.assign, not a spread: see "Copying objects on hot paths" in the README.
    headers = Object.assign({}, baseHeaders)

    if (body) headers["content-type"] = typeof given === "string" ? "text/plain; charset=utf-8" : "application/json"
    if (body instanceof Buffer) headers["content-length"] = String(body.length)
    if (message.headers) {
      for (const name in message.headers) headers[name.toLowerCase()] = String(message.headers[name])
    }
  }

  const incoming = new WebsocketIncoming(String(message.method || "GET").toUpperCase(), message.path || "/", headers, upgrade, body, params)

  return {incoming: incoming as unknown as IncomingMessage, outgoing: new WebsocketOutgoing(responder) as unknown as ServerResponse}
}

/**
 * The part of IncomingMessage the request handler reads, as a class: an object literal with
 * symbol keys is built on V8's slow path, one per message. Not a stream: the body is already
 * here, and readBody() takes it as it is (a PassThrough per request was a measurable part of a
 * websocket round trip).
 */
class WebsocketIncoming {
  readonly httpVersion = "1.1"
  readonly httpVersionMajor = 1
  readonly socket: IncomingMessage["socket"];
  readonly [bodyInHand]: Buffer | DeferredBody;
  readonly [viaWebsocket] = true;
  readonly [paramsInHand]: Params | undefined;

  constructor(readonly method: string, readonly url: string, readonly headers: IncomingHttpHeaders, upgrade: IncomingMessage, body: Buffer | DeferredBody | undefined, params: Params | undefined) {
    this.socket = upgrade.socket
    this[bodyInHand] = body || emptyBody
    this[paramsInHand] = params
  }
}

const emptyBody = Buffer.alloc(0)

/**
 * The part of ServerResponse the request handler uses (writeResponse() and its error paths), as
 * a class: methods on the prototype, not three new closures per request.
 */
class WebsocketOutgoing {
  statusCode = 200
  headersSent = false
  writableEnded = false
  headers: Record<string, string | string[]> = {}
  private readonly responder: WebsocketResponder

  constructor(responder: WebsocketResponder) {
    this.responder = responder
  }

  /** Takes the flat [name, value, ...] list writeResponse() gives node:http. */
  writeHead(status: number, written: readonly (string | string[])[]): this {
    const headers: Record<string, string | string[]> = {}

    // Framing headers describe the HTTP connection, which a websocket response does not have.
    for (let index = 0; index < written.length; index += 2) {
      const name = written[index] as string

      if (name !== "content-length" && name !== "connection") headers[name] = written[index + 1]
    }
    this.statusCode = status
    this.headers = headers
    this.headersSent = true

    return this
  }

  end(content?: string | Buffer): this {
    if (this.writableEnded) return this

    this.writableEnded = true
    this.responder.respond({statusCode: this.statusCode, headers: this.headers, body: content === undefined ? "" : typeof content === "string" ? content : content.toString("utf8")})

    return this
  }

  destroy(): void {
    if (!this.writableEnded) this.end()
  }
}
