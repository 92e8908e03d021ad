import type {ServerResponse} from "node:http"
import type Response from "./response.js"

/**
 * Writes status, headers and body in one `end()`, with the Content-Length computed here. A string
 * body stays a string: node:http then sends headers and body in one write instead of a writev.
 */
export function writeResponse(serverResponse: ServerResponse, response: Response, closeConnection = false): void {
  const body = response.getBody()
  const headers: Record<string, string | string[]> = {}

  for (const [name, value] of response.headers()) headers[name] = value

  const cookies = response.setCookieHeaders()

  if (cookies.length > 0) headers["set-cookie"] = [...cookies]

  headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length)
  if (closeConnection) headers.connection = "close"

  serverResponse.writeHead(response.getStatus(), headers)
  serverResponse.end(body, "utf8")
}
