import http from "node:http"

/*
 * How a HeaderBlock (header-block.ts) reaches the wire without node:http checking it again:
 * writeHead() validates each header it is given, then hands the status line and the list to
 * `_storeHeader(firstLine, headers)`, which serializes them. The server's responses are of this
 * subclass (http.createServer's `ServerResponse` option), whose `_storeHeader` puts the block
 * set for this response right after the status line. The text is built by concatenation like
 * the rest of node's header, so it is copied once, when node writes the header and the body.
 *
 * `_storeHeader` is node internal, so whether it behaves that way is checked once per process
 * (headerBlockSupported); where it does not, the server uses node's own ServerResponse and
 * writeResponse() hands the same headers to writeHead() as before.
 */

// node's types do not list the internal method this class extends.
type StoreHeader = (this: http.ServerResponse, firstLine: string, headers: unknown) => void

const storeHeader = (http.ServerResponse.prototype as unknown as {_storeHeader?: StoreHeader})._storeHeader

/** A node:http ServerResponse that can carry already valid `name: value\r\n` lines into its serialized header. */
export class HeaderBlockServerResponse extends http.ServerResponse {
  /** Lines for the next writeHead(), right after the status line; set by writeResponse(). */
  headerLines: string | undefined = undefined

  _storeHeader(firstLine: string, headers: unknown): void {
    const lines = this.headerLines

    storeHeader!.call(this, lines === undefined ? firstLine : firstLine + lines, headers)
  }
}

/** Whether this node serializes writeHead()'s header through `_storeHeader(statusLine, headers)` into `_header`, unsent until the body (checked once). */
export const headerBlockSupported: boolean = probeStoreHeader()

function probeStoreHeader(): boolean {
  if (typeof storeHeader !== "function") return false

  try {
    const outgoing = probeResponse()

    outgoing.writeHead(200, ["x-probe", "1"])

    const {_header: header, _headerSent: sent} = outgoing as unknown as {_header?: unknown, _headerSent?: unknown}

    // headersSent only says whether `_header` is set; `_headerSent` is whether it left.
    return sent === false && typeof header === "string" && header.startsWith("HTTP/1.1 200 OK\r\nx-probe-block: 1\r\nx-probe: 1\r\n") && header.endsWith("\r\n\r\n")
  } catch {
    return false
  }
}

/**
 * Whether, on top of headerBlockSupported, end(body) on a response without writeHead() writes
 * the lines and node's own `Content-Length` for the body (node internal as well: end() sets
 * `_contentLength` before it makes the header). writeResponse() then sends a response whose
 * headers are all known to be valid that way, past writeHead()'s per-header checks.
 */
export const implicitLengthSupported: boolean = headerBlockSupported && probeImplicitLength()

function probeImplicitLength(): boolean {
  try {
    const outgoing = probeResponse()

    outgoing.statusCode = 201
    outgoing.end("héllo", "utf8")

    const header = (outgoing as unknown as {_header?: unknown})._header

    return typeof header === "string" && header.startsWith("HTTP/1.1 201 Created\r\nx-probe-block: 1\r\n") && header.includes("\r\nContent-Length: 6\r\n") && !/transfer-encoding/i.test(header)
  } catch {
    return false
  }
}

/** A response to an HTTP/1.1 GET without a socket (node queues what it would send), carrying one line. */
function probeResponse(): HeaderBlockServerResponse {
  const incoming = new http.IncomingMessage(null as never)

  incoming.method = "GET"
  incoming.httpVersionMajor = 1
  incoming.httpVersionMinor = 1

  const outgoing = new HeaderBlockServerResponse(incoming)

  outgoing.headerLines = "x-probe-block: 1\r\n"

  return outgoing
}

/** The ServerResponse class a server should create responses with: the subclass where the probe passed, else node's own. */
export const serverResponseClass = (headerBlockSupported ? HeaderBlockServerResponse : http.ServerResponse) as typeof http.ServerResponse
