import http from "node:http"

/**
 * Headers that are the same on every response (the security headers), checked once at boot and
 * spliced into the header text node:http serializes, instead of being handed to writeHead().
 *
 * Why: writeHead() validates every header name and value with a regular expression, lower-cases
 * the name and concatenates it, on every response. Measured with callgrind on bench:http's
 * hello route, that was about 2,200 instructions per header: the three default security headers
 * and X-Request-Id came to 9,000 of a hello's 75,000 (raw node:http with two headers: 51,000).
 * Values that never change need that check once, not per response.
 *
 * How: writeHead() leaves the serialized status line and headers in `_header` until the first
 * body write sends them; the block goes right after the status line. `_header` is node
 * internal, so whether it behaves that way is checked once per process (headerBlockSupported);
 * where it does not, writeResponse() hands the same headers to writeHead() as before.
 */
export interface HeaderBlock {
  /** Lower-case names in the block, so a response that sets one of them itself can be sent without the block. */
  readonly names: readonly string[]
  /** `name: value\r\n` lines; undefined when the headers include one node:http must see itself (then they go to writeHead()). */
  readonly text: string | undefined
  /** The same headers as a flat [name, value, ...] list with lower-case names, for responses that cannot take the block. */
  readonly list: readonly string[]
}

// Headers node:http reads as well as writes (its matchHeader): the framing and keep-alive logic
// must see these, so they never go into a block. Nor does X-Request-Id, which each request's
// own id replaces.
const excludedHeaders = new Set(["connection", "content-length", "date", "expect", "keep-alive", "trailer", "transfer-encoding", "x-request-id"])

/**
 * A block of the headers in a flat [name, value, ...] list, validated the way node:http would
 * (http.validateHeaderName/Value throw the same errors, now at boot instead of on each
 * response). Undefined for an empty list.
 */
export function headerBlockFrom(list: readonly string[] | undefined): HeaderBlock | undefined {
  if (!list || list.length === 0) return undefined

  const names: string[] = []
  const lowerCased: string[] = []
  let text: string | undefined = ""

  for (let index = 0; index < list.length; index += 2) {
    const name = list[index].toLowerCase()
    const value = list[index + 1]

    http.validateHeaderName(name)
    http.validateHeaderValue(name, value)
    names.push(name)
    lowerCased.push(name, value)
    if (excludedHeaders.has(name)) text = undefined
    else if (text !== undefined) text += `${name}: ${value}\r\n`
  }

  return Object.freeze({names: Object.freeze(names), text, list: Object.freeze(lowerCased)})
}

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
