import type {ServerResponse} from "node:http"
import type Response from "./response.js"

/** What the server adds to an action's response; all optional. */
export interface ResponseFraming {
  /** Ask the client to close the connection after this response (shutting down, a refused body). */
  closeConnection?: boolean
  /** Headers under the action's own, as a flat [name, value, ...] list: the security headers. */
  baseHeaders?: readonly string[]
  requestId?: string
  corsHeaders?: Readonly<Record<string, string>>
}

const noFraming: ResponseFraming = Object.freeze({})

/**
 * Writes status, headers and body in one `end()`, with the Content-Length computed here. A string
 * body stays a string: node:http then sends headers and body in one write instead of a writev.
 *
 * Headers go to writeHead() as one flat [name, value, ...] array. node:http walks it with an
 * index; an object made per response would be walked with for...in, and spreading or merging
 * objects per request was measured at several microseconds per hello response. `baseHeaders`
 * (the security headers), `corsHeaders` and the request id go under the action's own headers,
 * so an action can override each of them; a Vary from both the action and CORS is joined.
 */
export function writeResponse(serverResponse: ServerResponse, response: Response, framing: ResponseFraming = noFraming): void {
  const body = response.getBody()
  const own = response.headers()
  const {baseHeaders, corsHeaders, requestId} = framing
  const headers: (string | string[])[] = []

  if (baseHeaders !== undefined) {
    for (let index = 0; index < baseHeaders.length; index += 2) {
      const name = baseHeaders[index]

      if (!own.has(name) && corsHeaders?.[name] === undefined && !(requestId !== undefined && name === "x-request-id")) headers.push(name, baseHeaders[index + 1])
    }
  }
  if (corsHeaders !== undefined) for (const name in corsHeaders) if (!own.has(name)) headers.push(name, corsHeaders[name])
  if (requestId !== undefined && !own.has("x-request-id")) headers.push("x-request-id", requestId)

  own.forEach((value, name) => {
    headers.push(name, name === "vary" && corsHeaders?.vary !== undefined ? `${corsHeaders.vary}, ${String(value)}` : value)
  })

  const cookies = response.setCookieHeaders()

  if (cookies.length > 0) headers.push("set-cookie", [...cookies])

  headers.push("content-length", String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length))
  if (framing.closeConnection) headers.push("connection", "close")

  // node's types take a flat list as string[]; an array value (Set-Cookie) is one header line per item.
  serverResponse.writeHead(response.getStatus(), headers as string[])
  serverResponse.end(body, "utf8")
}
