import type {ServerResponse} from "node:http"
import type Response from "./response.js"

/** Writes status, headers and body in one `end()`, with the Content-Length computed here. */
export function writeResponse(serverResponse: ServerResponse, response: Response, {closeConnection = false}: {closeConnection?: boolean} = {}): void {
  const body = response.getBody()
  const buffer = typeof body === "string" ? Buffer.from(body, "utf8") : body
  const headers: Record<string, string | string[]> = {}

  for (const [name, value] of response.headers()) headers[name] = value

  const cookies = response.setCookieHeaders()

  if (cookies.length > 0) headers["set-cookie"] = [...cookies]

  headers["content-length"] = String(buffer.length)
  if (closeConnection) headers.connection = "close"

  serverResponse.writeHead(response.getStatus(), headers)
  serverResponse.end(buffer)
}
