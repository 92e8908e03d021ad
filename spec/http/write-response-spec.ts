import http from "node:http"
import type {AddressInfo} from "node:net"
import Response from "velocious/build/src/http-server/response.js"
import {headerBlockFrom} from "velocious/build/src/http-server/header-block.js"
import {headerBlockSupported, serverResponseClass} from "velocious/build/src/http-server/header-block-response.js"
import {writeResponse, type ResponseFraming} from "velocious/build/src/http-server/write-response.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {rawExchange, request} from "./support/http-request.js"

/** Serves one response through writeResponse() on a real node:http server and returns what the client got. */
async function served(response: Response, framing?: ResponseFraming, {ServerResponse = serverResponseClass, method = "GET"}: {ServerResponse?: typeof http.ServerResponse, method?: string} = {}) {
  return await servedWith(response, framing, ServerResponse, async (port) => {
    const answer = await request(port, method, "/")
    return {...answer, names: answer.rawHeaders.filter((_value, index) => index % 2 === 0).map((name) => name.toLowerCase())}
  })
}

/** The same, for a request written as raw bytes: what came back, as latin1 text. */
async function rawServed(response: Response, framing: ResponseFraming, raw: string) {
  return await servedWith(response, framing, serverResponseClass, async (port) => ({raw: await rawExchange(port, raw)}))
}

async function servedWith<Answer>(response: Response, framing: ResponseFraming | undefined, ServerResponse: typeof http.ServerResponse, ask: (port: number) => Promise<Answer>): Promise<Answer & {headerLines: string | undefined}> {
  // The HTTP server's response class (header-block-response.ts), unless a test asks for node's own.
  let headerLines: string | undefined
  const server = http.createServer({ServerResponse}, (_incoming, outgoing) => {
    writeResponse(outgoing, response, framing)
    headerLines = (outgoing as {headerLines?: string}).headerLines
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))

  try {
    const answer = await ask((server.address() as AddressInfo).port)

    return {...answer, headerLines}
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

// With x-request-id in it, the block cannot be spliced: it goes to writeHead() as a list.
const listedBlock = headerBlockFrom(["x-frame-options", "SAMEORIGIN", "referrer-policy", "no-referrer", "x-request-id", "from-base"])
const splicedBlock = headerBlockFrom(["X-Frame-Options", "SAMEORIGIN", "referrer-policy", "no-referrer", "x-content-type-options", "nosniff"])

describe("Response headers", () => {
  it("keeps one value per name whatever its case, the last set winning, in the order first set", () => {
    const response = new Response().setHeader("Content-Type", "text/plain").setHeader("X-One", "1").setHeader("content-type", "application/json").setHeader("x-two", ["a", "b"])

    expect(response.getHeader("CONTENT-TYPE")).toBe("application/json")
    expect(response.getHeader("x-missing")).toBe(undefined)
    expect(response.headerEntries()).toEqual(["content-type", "application/json", "x-one", "1", "x-two", ["a", "b"]])
    expect([...response.headers()]).toEqual([["content-type", "application/json"], ["x-one", "1"], ["x-two", ["a", "b"]]])
  })
})

describe("writeResponse", () => {
  it("sends the base headers, the request id and the action's headers once each, the action's winning", async () => {
    const response = new Response().setStatus(201).setHeader("X-Frame-Options", "DENY").setHeader("content-type", "text/plain").setBody("héllo")
    const answer = await served(response, {headerBlock: listedBlock, requestId: "req-1"})

    expect(answer.status).toBe(201)
    expect(answer.body).toBe("héllo")
    expect(answer.headers["x-frame-options"]).toBe("DENY")
    expect(answer.headers["referrer-policy"]).toBe("no-referrer")
    // The request id replaces a base header of the same name; the action could replace it in turn.
    expect(answer.headers["x-request-id"]).toBe("req-1")
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength("héllo")))
    expect(answer.names.filter((name) => name === "x-frame-options" || name === "x-request-id")).toEqual(["x-request-id", "x-frame-options"])
  })

  it("lets the action set its own request id, joins Vary with CORS's, and sends each cookie on its own line", async () => {
    const response = new Response().setHeader("x-request-id", "mine").setHeader("vary", "Accept")

    response.addSetCookie("a=1; Path=/")
    response.addSetCookie("b=2; Path=/")

    const answer = await served(response, {requestId: "generated", corsHeaders: {"access-control-allow-origin": "https://a.example", vary: "Origin"}})

    expect(answer.headers["x-request-id"]).toBe("mine")
    expect(answer.headers.vary).toBe("Origin, Accept")
    expect(answer.headers["access-control-allow-origin"]).toBe("https://a.example")
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"])
    expect(answer.names.filter((name) => name === "vary")).toEqual(["vary"])
  })

  it("sends the block and the request id through writeHead() on node's own ServerResponse", async () => {
    const response = new Response().setHeader("content-type", "application/json").setBody("{}")
    const answer = await served(response, {headerBlock: splicedBlock, requestId: "req-plain"}, {ServerResponse: http.ServerResponse})

    expect(answer.headers["x-frame-options"]).toBe("SAMEORIGIN")
    expect(answer.headers["x-content-type-options"]).toBe("nosniff")
    expect(answer.headers["x-request-id"]).toBe("req-plain")
    expect(answer.names.length).toBe(new Set(answer.names).size)
  })

  it("puts a header block after the status line, with the request id, under the action's headers", async () => {
    expect(headerBlockSupported).toBe(true)
    expect(splicedBlock?.text).toBe("x-frame-options: SAMEORIGIN\r\nreferrer-policy: no-referrer\r\nx-content-type-options: nosniff\r\n")
    expect(listedBlock?.text).toBe(undefined)

    const response = new Response().setStatus(201).setHeader("content-type", "application/json").setBody("{}")
    const answer = await served(response, {headerBlock: splicedBlock, requestId: "req-2", closeConnection: true})

    expect(answer.status).toBe(201)
    expect(answer.body).toBe("{}")
    expect(answer.names.slice(0, 4)).toEqual(["x-frame-options", "referrer-policy", "x-content-type-options", "x-request-id"])
    // They went in as text, past writeHead()'s checks.
    expect(answer.headerLines).toBe(`${splicedBlock?.text}x-request-id: req-2\r\n`)
    expect(answer.headers["x-request-id"]).toBe("req-2")
    expect(answer.headers["content-type"]).toBe("application/json")
    expect(answer.headers["content-length"]).toBe("2")
    expect(answer.headers.connection).toBe("close")
    expect(answer.names.length).toBe(new Set(answer.names).size)
  })

  it("sends a render's Content-Type with the block past writeHead(), node adding the length, date and keep-alive", async () => {
    const render = () => new Response().setStatus(201).setHeader("content-type", "application/json; charset=utf-8").setBody("{\"a\":\"é\"}")
    const answer = await served(render(), {headerBlock: splicedBlock, requestId: "req-6"})

    expect(answer.status).toBe(201)
    expect(answer.body).toBe("{\"a\":\"é\"}")
    expect(answer.headerLines).toBe(`${splicedBlock?.text}x-request-id: req-6\r\ncontent-type: application/json; charset=utf-8\r\n`)
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength("{\"a\":\"é\"}")))
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8")
    expect(answer.headers["transfer-encoding"]).toBe(undefined)
    expect(typeof answer.headers.date).toBe("string")
    expect(answer.names.length).toBe(new Set(answer.names).size)

    // HEAD and HTTP/1.0 (no chunked encoding) take the list, as node would not write their length.
    const head = await served(render(), {headerBlock: splicedBlock, requestId: "req-7"}, {method: "HEAD"})

    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength("{\"a\":\"é\"}")))
    expect(head.headerLines).toBe(`${splicedBlock?.text}x-request-id: req-7\r\n`)

    const http10 = await rawServed(render(), {requestId: "req-8"}, "GET / HTTP/1.0\r\nHost: x\r\n\r\n")

    expect(http10.raw).toMatch(/^HTTP\/1\.1 201 Created\r\n/)
    // rawExchange() reads latin1: the é is its two UTF-8 bytes there.
    expect(http10.raw).toMatch(/\r\ncontent-length: 10\r\n/i)
    expect(http10.raw.endsWith(`\r\n\r\n${Buffer.from("{\"a\":\"é\"}").toString("latin1")}`)).toBe(true)

    // A Content-Type the framework did not make goes through writeHead()'s checks.
    const own = await served(new Response().setHeader("content-type", "application/x-own").setBody("x"), {requestId: "req-9"})

    expect(own.headerLines).toBe("x-request-id: req-9\r\n")
    expect(own.headers["content-type"]).toBe("application/x-own")
  })

  it("sends the block as a list when the action or CORS sets one of its headers, each header once", async () => {
    const response = new Response().setHeader("x-frame-options", "DENY")
    const answer = await served(response, {headerBlock: splicedBlock, requestId: "req-3", corsHeaders: {"referrer-policy": "origin"}})

    expect(answer.headers["x-frame-options"]).toBe("DENY")
    expect(answer.headers["referrer-policy"]).toBe("origin")
    expect(answer.headers["x-content-type-options"]).toBe("nosniff")
    expect(answer.headers["x-request-id"]).toBe("req-3")
    expect(answer.names.length).toBe(new Set(answer.names).size)
  })

  it("splices the request id alone when there is no block, and leaves it out when the action sets its own", async () => {
    const alone = await served(new Response().setBody("a"), {requestId: "req-4"})

    expect(alone.headers["x-request-id"]).toBe("req-4")

    const own = await served(new Response().setHeader("X-Request-Id", "own").setBody("a"), {headerBlock: splicedBlock, requestId: "req-5"})

    expect(own.headers["x-request-id"]).toBe("own")
    expect(own.headers["x-frame-options"]).toBe("SAMEORIGIN")
    expect(own.names.filter((name) => name === "x-request-id")).toEqual(["x-request-id"])
  })

  it("checks a block's headers when it is made, with node's own errors", async () => {
    expect(() => headerBlockFrom(["x-bad", "line\r\nbreak"])).toThrow(/Invalid character in header content/)
    expect(() => headerBlockFrom(["bad name", "1"])).toThrow(/Header name must be a valid HTTP token/)
    expect(headerBlockFrom([])).toBe(undefined)

    // The same verdict as node:http, which would otherwise check them on each response.
    for (const value of ["tab\there", "caf\u00e9", "\u0100", "a\u0000b", "\u007f", "plain value"]) {
      let nodeAccepts = true

      try {
        http.validateHeaderValue("x-check", value)
      } catch {
        nodeAccepts = false
      }

      let blockAccepts = true

      try {
        headerBlockFrom(["x-check", value])
      } catch {
        blockAccepts = false
      }

      expect([value, blockAccepts]).toEqual([value, nodeAccepts])
    }
  })

  it("asks the client to close the connection when told to", async () => {
    const answer = await served(new Response().setBody(Buffer.from("bytes")), {closeConnection: true})

    expect(answer.headers.connection).toBe("close")
    expect(answer.body).toBe("bytes")
  })
})
