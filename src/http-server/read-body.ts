import type {IncomingMessage} from "node:http"
import {PayloadTooLargeError} from "./errors.js"

const emptyBody = Buffer.alloc(0)

/** A request that arrives whole (a websocket request message) carries its body here instead of as a stream. */
export const bodyInHand = Symbol("velocious.http.bodyInHand")

/**
 * A body that is only made if something reads it: a websocket request message's object body
 * arrives parsed, is handed to the action as params, and its JSON text (request.body()) is
 * written on the first read. The body limit is checked against `receivedBytes`, the size of
 * what the client sent it in (the whole message): the limit is about what a client can make
 * the server take in.
 */
export class DeferredBody {
  private made: Buffer | undefined

  constructor(private readonly make: () => Buffer, readonly receivedBytes: number) {}

  buffer(): Buffer {
    return this.made ??= this.make()
  }
}

/** The bytes of a body read by readBody(), making a deferred one now. */
export function bodyBuffer(body: Buffer | DeferredBody): Buffer {
  return body instanceof DeferredBody ? body.buffer() : body
}

/**
 * Reads the whole body, refusing one over `limit` bytes: at once when Content-Length says so,
 * otherwise as soon as the received bytes pass it (chunked uploads have no length up front).
 */
export function readBody(request: IncomingMessage, limit: number): Buffer | DeferredBody | Promise<Buffer> {
  const {headers} = request
  const inHand = (request as {[bodyInHand]?: Buffer | DeferredBody})[bodyInHand]

  if (inHand !== undefined) return (inHand instanceof DeferredBody ? inHand.receivedBytes : inHand.length) > limit ? Promise.reject(new PayloadTooLargeError(limit)) : inHand

  // Most requests (GET, HEAD) carry no body at all: skip the stream and the promise.
  if (headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) return emptyBody

  const declared = Number(headers["content-length"])

  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new PayloadTooLargeError(limit))

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    let done = false

    const finish = (error?: Error) => {
      if (done) return
      done = true
      request.off("data", onData)
      request.off("end", onEnd)
      request.off("error", onError)

      if (error) reject(error)
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received))
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length

      if (received > limit) {
        // Stop buffering; the response closes the connection so the rest is never read.
        request.pause()
        finish(new PayloadTooLargeError(limit))
      } else {
        chunks.push(chunk)
      }
    }
    const onEnd = () => finish()
    const onError = (error: Error) => finish(error)

    request.on("data", onData)
    request.on("end", onEnd)
    request.on("error", onError)
  })
}
