import type {IncomingMessage} from "node:http"

export interface RequestLogFields {
  method: string
  path: string
  status: number
  durationMs: number
  requestId: string | undefined
  incoming: IncomingMessage
}

/** One request as one JSON object, for log collectors that parse lines (requestLogging: {format: "json"}). */
export function jsonRequestLine({method, path, status, durationMs, requestId, incoming}: RequestLogFields): string {
  return JSON.stringify({
    event: "request",
    method,
    path,
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    requestId,
    remoteAddress: incoming.socket?.remoteAddress,
    userAgent: incoming.headers["user-agent"]
  })
}
