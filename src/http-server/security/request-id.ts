import type {IncomingMessage} from "node:http"
import {batchedUuid} from "./batched-uuid.js"

// What Rails' ActionDispatch::RequestId keeps of a client's id: word characters, "-" and "@", up to 255.
const acceptedIdPattern = /^[\w\-@]{1,255}$/

/** The client's (or a proxy's) X-Request-Id when it is a sane one, else a new UUID. */
export function requestIdFor(incoming: IncomingMessage): string {
  const given = incoming.headers["x-request-id"]

  return typeof given === "string" && acceptedIdPattern.test(given) ? given : batchedUuid()
}
