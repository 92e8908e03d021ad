import type {ServerResponse} from "node:http"
import type Response from "./response.js"

/**
 * Writes status, headers and body in one `end()`, with the Content-Length computed here. A string
 * body stays a string: node:http then sends headers and body in one write instead of a writev.
 * `baseHeaders` (the security headers) and `corsHeaders` go under the action's own headers, so
 * an action can override them; a Vary from both is joined.
 */
export function writeResponse(serverResponse: ServerResponse, response: Response, closeConnection = false, baseHeaders?: Readonly<Record<string, string>>, requestId?: string, corsHeaders?: Readonly<Record<string, string>>): void {
  const body = response.getBody()
  const headers: Record<string, string | string[]> = {}

  if (baseHeaders !== undefined) for (const name in baseHeaders) headers[name] = baseHeaders[name]
  if (corsHeaders !== undefined) for (const name in corsHeaders) headers[name] = corsHeaders[name]
  if (requestId !== undefined) headers["x-request-id"] = requestId

  for (const [name, value] of response.headers()) {
    headers[name] = name === "vary" && corsHeaders?.vary !== undefined ? `${corsHeaders.vary}, ${String(value)}` : value
  }

  const cookies = response.setCookieHeaders()

  if (cookies.length > 0) headers["set-cookie"] = [...cookies]

  headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length)
  if (closeConnection) headers.connection = "close"

  serverResponse.writeHead(response.getStatus(), headers)
  serverResponse.end(body, "utf8")
}
