// Imported rather than the global: node defines globalThis.Buffer as a lazy getter, and reading
// it per response was about 600 instructions of a hello (bench/http/instructions.mjs).
import {Buffer} from "node:buffer"
import type {ServerResponse} from "node:http"
import {HeaderBlockServerResponse, implicitLengthSupported} from "./header-block-response.js"
import type {HeaderBlock} from "./header-block.js"
import type Response from "./response.js"
import {flat} from "../utils/flat-string.js"

/** What the server adds to an action's response; all optional. */
export interface ResponseFraming {
  /** Ask the client to close the connection after this response (shutting down, a refused body). */
  closeConnection?: boolean
  /** Headers under the action's own, the same on every response: the security headers. */
  headerBlock?: HeaderBlock
  requestId?: string
  corsHeaders?: Readonly<Record<string, string>>
}

const noFraming: ResponseFraming = Object.freeze({})

// The Content-Type values the framework's renders set, as header lines (valid by construction),
// and with the line break that ends the request id's line before them. A response's lines are
// then three pieces: the block with the id's name, the id, and this (see utils/flat-string.ts).
interface ContentTypeLines {
  line: string
  afterRequestId: string
}

function linesFor(value: string): ContentTypeLines {
  return {line: flat(`content-type: ${value}\r\n`), afterRequestId: flat(`\r\ncontent-type: ${value}\r\n`)}
}

const jsonType = "application/json; charset=utf-8"
const htmlType = "text/html; charset=utf-8"
const textType = "text/plain; charset=utf-8"
const jsonLines = linesFor(jsonType)
const htmlLines = linesFor(htmlType)
const textLines = linesFor(textType)

// Compared rather than looked up in a Map: the renders set these very strings, so each test is
// a pointer comparison, where the Map hashed and probed (about 300 instructions a response).
function knownContentTypeLines(value: string | string[]): ContentTypeLines | undefined {
  if (value === jsonType) return jsonLines
  if (value === htmlType) return htmlLines
  if (value === textType) return textLines

  return undefined
}

const requestIdName = "x-request-id: "

/**
 * Writes status, headers and body in one `end()`, with the Content-Length computed here. A string
 * body stays a string: node:http then sends headers and body in one write instead of a writev.
 *
 * Headers go to writeHead() as one flat [name, value, ...] array. node:http walks it with an
 * index; an object made per response would be walked with for...in, and spreading or merging
 * objects per request was measured at several microseconds per hello response. The header
 * block (the security headers), `corsHeaders` and the request id go under the action's own
 * headers, so an action can override each of them; a Vary from both the action and CORS is
 * joined. The block and the request id go into node's serialized header rather than being
 * validated again (see header-block-response.ts) unless the action or CORS sets one of the block's
 * headers itself.
 */
export function writeResponse(serverResponse: ServerResponse, response: Response, framing: ResponseFraming = noFraming): void {
  const body = response.getBody()
  const own = response.headerEntries()
  const {headerBlock, corsHeaders, requestId} = framing
  // Only the server's own responses take lines into their header (a websocket request's, or a
  // plain node ServerResponse where header-block-response.ts' probe failed, do not).
  const splices = serverResponse instanceof HeaderBlockServerResponse && (headerBlock === undefined || (headerBlock.text !== undefined && !overridesAny(headerBlock.names, own, corsHeaders)))

  // The common response (a render's Content-Type and a body, no cookies, CORS or close) goes
  // with all its header lines past writeHead(), which checks each header's name and value with
  // a regular expression and matches its name against the framing headers; node still writes
  // Content-Length, Date and keep-alive itself. About 1,500 instructions of a hello.
  if (splices && own.length === 2 && corsHeaders === undefined && framing.closeConnection !== true) {
    const contentType = knownContentTypeLines(own[1])

    if (contentType !== undefined && own[0] === "content-type" && response.setCookieHeaders().length === 0 && framesLengthItself(serverResponse, response.getStatus())) {
      if (requestId === undefined) serverResponse.headerLines = headerBlock === undefined ? contentType.line : headerBlock.text + contentType.line
      else serverResponse.headerLines = (headerBlock === undefined ? requestIdName : headerBlock.requestIdPrefix!) + requestId + contentType.afterRequestId
      serverResponse.statusCode = response.getStatus()
      serverResponse.end(body, bodyEncoding(body))

      return
    }
  }

  // Past the common response's path, which needs neither.
  const headers: (string | string[])[] = []
  const sendsRequestId = requestId !== undefined && !hasHeader(own, "x-request-id") && corsHeaders?.["x-request-id"] === undefined

  if (headerBlock !== undefined && !splices) {
    const {list} = headerBlock

    for (let index = 0; index < list.length; index += 2) {
      const name = list[index]

      if (!hasHeader(own, name) && corsHeaders?.[name] === undefined && !(requestId !== undefined && name === "x-request-id")) headers.push(name, list[index + 1])
    }
  }
  if (corsHeaders !== undefined) for (const name in corsHeaders) if (!hasHeader(own, name)) headers.push(name, corsHeaders[name])
  if (sendsRequestId && !splices) headers.push("x-request-id", requestId)

  for (let index = 0; index < own.length; index += 2) {
    const name = own[index] as string
    const value = own[index + 1]

    headers.push(name, name === "vary" && corsHeaders?.vary !== undefined ? `${corsHeaders.vary}, ${String(value)}` : value)
  }

  const cookies = response.setCookieHeaders()

  if (cookies.length > 0) headers.push("set-cookie", [...cookies])

  headers.push("content-length", String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length))
  if (framing.closeConnection) headers.push("connection", "close")

  if (splices) {
    // A request id is ours (a UUID) or a client's that matched request-id.ts' word-character
    // pattern, so it needs no header check either.
    serverResponse.headerLines = sendsRequestId ? `${headerBlock?.requestIdPrefix ?? requestIdName}${requestId}\r\n` : headerBlock?.text
  }

  // node's types take a flat list as string[]; an array value (Set-Cookie) is one header line per item.
  serverResponse.writeHead(response.getStatus(), headers as string[])

  serverResponse.end(body, "utf8")
}

/**
 * "latin1" for a string body that is all ASCII (its UTF-8 length is its length), else "utf8".
 * The bytes are the same either way; node writes the header and such a body with V8's one-byte
 * copy instead of its UTF-8 encoder, which was about 3,500 instructions of a hello
 * (String::WriteUtf8 and the flattening before it), and takes the Content-Length from the
 * length without scanning the body again.
 */
function bodyEncoding(body: string | Buffer): BufferEncoding {
  return typeof body === "string" && Buffer.byteLength(body, "utf8") === body.length ? "latin1" : "utf8"
}

/**
 * Whether node:http, given a body in end() and no writeHead(), writes its Content-Length itself:
 * not for a HEAD request or a 1xx, 204 or 304 (no body, so no length either, where writeResponse
 * sends the GET's), nor for an HTTP/1.0 client without chunked encoding (node would end the body
 * by closing the connection instead).
 */
function framesLengthItself(serverResponse: HeaderBlockServerResponse, status: number): boolean {
  if (!implicitLengthSupported || status < 200 || status === 204 || status === 304) return false

  const internals = serverResponse as unknown as {_hasBody?: boolean, useChunkedEncodingByDefault?: boolean}

  return internals._hasBody === true && internals.useChunkedEncodingByDefault === true
}

/** Whether the flat [name, value, ...] list has `name` (lower case). */
function hasHeader(list: readonly (string | string[])[], name: string): boolean {
  for (let index = 0; index < list.length; index += 2) if (list[index] === name) return true

  return false
}

function overridesAny(names: readonly string[], own: readonly (string | string[])[], corsHeaders: Readonly<Record<string, string>> | undefined): boolean {
  for (let index = 0; index < names.length; index++) {
    const name = names[index]

    if (hasHeader(own, name) || corsHeaders?.[name] !== undefined) return true
  }

  return false
}
