import http from "node:http"
import net from "node:net"

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** Names and values as sent, in order (repeats kept). */
  rawHeaders: string[]
  body: string
}

/** One HTTP request with node:http (no keep-alive), so tests see exactly what the server sent; fails after `timeoutMs` rather than hang. */
export function request(port: number, method: string, path: string, {body, headers = {}, timeoutMs = 10_000}: {body?: string | Buffer, headers?: Record<string, string>, timeoutMs?: number} = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({host: "127.0.0.1", port, method, path, headers, agent: false}, (response) => {
      const chunks: Buffer[] = []

      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () => resolve({status: response.statusCode || 0, headers: response.headers, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks).toString("utf8")}))
      response.on("error", reject)
    })

    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`${method} ${path} got no response within ${timeoutMs}ms`)))
    outgoing.on("error", reject)
    outgoing.end(body)
  })
}

/** Writes raw bytes to the server and collects what comes back until it closes (or `waitMs` passes). */
export function rawExchange(port: number, data: string, waitMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1")
    let received = ""
    const timer = setTimeout(() => { socket.destroy(); resolve(received) }, waitMs)

    socket.on("data", (chunk) => { received += chunk.toString("latin1") })
    socket.on("close", () => { clearTimeout(timer); resolve(received) })
    socket.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      if (error.code === "ECONNRESET" || error.code === "EPIPE") resolve(received)
      else reject(error)
    })
    socket.write(data)
  })
}
