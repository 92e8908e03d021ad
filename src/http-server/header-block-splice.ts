import http from "node:http"

/*
 * How a HeaderBlock (header-block.ts) reaches the wire: writeHead() leaves the serialized status
 * line and headers in `_header` until the first body write sends them; the block goes right
 * after the status line. `_header` is node internal, so whether it behaves that way is checked
 * once per process (headerBlockSupported); where it does not, writeResponse() hands the same
 * headers to writeHead() as before.
 */

/** Whether this node's ServerResponse keeps the serialized header in `_header` until the body is written (checked once). */
export const headerBlockSupported: boolean = probeHeaderField()

function probeHeaderField(): boolean {
  try {
    const incoming = new http.IncomingMessage(null as never)

    incoming.method = "GET"
    incoming.httpVersionMajor = 1
    incoming.httpVersionMinor = 1

    const outgoing = new http.ServerResponse(incoming)

    outgoing.writeHead(200, ["x-probe", "1"])

    const {_header: header, _headerSent: sent} = outgoing as unknown as {_header?: unknown, _headerSent?: unknown}

    // headersSent only says whether `_header` is set; `_headerSent` is whether it left.
    return sent === false && typeof header === "string" && header.startsWith("HTTP/1.1 200 OK\r\nx-probe: 1\r\n") && header.endsWith("\r\n\r\n")
  } catch {
    return false
  }
}

/** Puts `lines` (already valid `name: value\r\n` text) after the status line of a response writeHead() has serialized but not sent. */
export function spliceIntoHeader(outgoing: http.ServerResponse, lines: string): void {
  const serialized = outgoing as unknown as {_header: string}
  const header = serialized._header
  const statusLineEnd = header.indexOf("\r\n") + 2

  serialized._header = header.slice(0, statusLineEnd) + lines + header.slice(statusLineEnd)
}
