import type {IncomingHttpHeaders, IncomingMessage} from "node:http"
import {prefersJson} from "./prefers-json.js"
import {bodyBuffer, type DeferredBody} from "./read-body.js"

export interface RequestArgs {
  incoming: IncomingMessage
  /** The body as read (readBody()); a websocket message's object body is written out on the first read. */
  body: Buffer | DeferredBody
  /** X-Request-Id (taken or made by the request handler); absent with requestId: false */
  requestId?: string
  /** Where `?` is in incoming.url (-1: none), when the caller has looked already. */
  queryIndex?: number
}

/** Set on the IncomingMessage a websocket request message is turned into (see websocket/websocket-request.ts). */
export const viaWebsocket = Symbol("velocious.http.viaWebsocket")

/** The request as controllers see it. */
export default class Request {
  private readonly incoming: IncomingMessage
  private readonly rawBody: Buffer | DeferredBody
  private readonly url: string
  private readonly queryIndex: number
  private readonly id: string | undefined

  constructor({incoming, body, requestId, queryIndex}: RequestArgs) {
    this.incoming = incoming
    this.rawBody = body
    this.id = requestId
    this.url = incoming.url || "/"
    this.queryIndex = queryIndex ?? this.url.indexOf("?")
  }

  /** The request target as sent, query string included (`/tasks?page=2`); see pathname(). */
  path(): string {
    return this.url
  }

  /** The path without the query string (`/tasks`). */
  pathname(): string {
    return this.queryIndex === -1 ? this.url : this.url.slice(0, this.queryIndex)
  }

  /** The query string without `?`, or "". */
  queryString(): string {
    return this.queryIndex === -1 ? "" : this.url.slice(this.queryIndex + 1)
  }

  /** Upper case: `GET`, `POST`, ... */
  method(): string {
    return (this.incoming.method || "GET").toUpperCase()
  }

  /** A header's value by case-insensitive name; repeated headers are joined with ", ". */
  header(name: string): string | undefined {
    const value = this.incoming.headers[name.toLowerCase()]

    return Array.isArray(value) ? value.join(", ") : value
  }

  headers(): IncomingHttpHeaders {
    return this.incoming.headers
  }

  contentType(): string | undefined {
    return this.header("content-type")
  }

  /** The raw body as a string (empty for none). */
  body(): string {
    return bodyBuffer(this.rawBody).toString("utf8")
  }

  rawBodyBuffer(): Buffer {
    return bodyBuffer(this.rawBody)
  }

  remoteAddress(): string | undefined {
    return this.incoming.socket.remoteAddress
  }

  /** Whether the client prefers JSON (Accept header), used for error and 404 responses. */
  acceptsJson(): boolean {
    return prefersJson(this.incoming.headers)
  }

  /** The X-Request-Id this request is logged and answered with. */
  requestId(): string | undefined {
    return this.id
  }

  /** Whether this is a request message over a websocket connection rather than an HTTP request. */
  isWebsocket(): boolean {
    return (this.incoming as {[viaWebsocket]?: boolean})[viaWebsocket] === true
  }

  getIncomingMessage(): IncomingMessage {
    return this.incoming
  }
}
