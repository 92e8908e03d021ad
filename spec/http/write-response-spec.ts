import http from "node:http"
import type {AddressInfo} from "node:net"
import Response from "velocious/build/src/http-server/response.js"
import {writeResponse, type ResponseFraming} from "velocious/build/src/http-server/write-response.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"

/** Serves one response through writeResponse() on a real node:http server and returns what the client got. */
async function served(response: Response, framing?: ResponseFraming) {
  const server = http.createServer((_incoming, outgoing) => writeResponse(outgoing, response, framing))

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))

  try {
    const answer = await request((server.address() as AddressInfo).port, "GET", "/")
    return {...answer, names: answer.rawHeaders.filter((_value, index) => index % 2 === 0).map((name) => name.toLowerCase())}
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

const baseHeaders = Object.freeze(["x-frame-options", "SAMEORIGIN", "referrer-policy", "no-referrer", "x-request-id", "from-base"])

describe("writeResponse", () => {
  it("sends the base headers, the request id and the action's headers once each, the action's winning", async () => {
    const response = new Response().setStatus(201).setHeader("X-Frame-Options", "DENY").setHeader("content-type", "text/plain").setBody("héllo")
    const answer = await served(response, {baseHeaders, requestId: "req-1"})

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

  it("asks the client to close the connection when told to", async () => {
    const answer = await served(new Response().setBody(Buffer.from("bytes")), {closeConnection: true})

    expect(answer.headers.connection).toBe("close")
    expect(answer.body).toBe("bytes")
  })
})
