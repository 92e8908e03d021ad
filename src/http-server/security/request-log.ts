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

/**
 * `GET /tasks 200 1.3ms`, the default request line. The duration is rounded to tenths with
 * integer arithmetic: Number#toFixed() goes through V8's general decimal conversion, about 300
 * instructions a line (callgrind), where two small integers come from V8's number-string cache.
 * The status and a duration under 100 ms are look-ups with their spaces in them, so the line is
 * four joins with no number turned into text.
 */
export function textRequestLine(method: string, path: string, status: number, durationMs: number): string {
  const tenths = Math.round(durationMs * 10)
  const statusText = (status >= 100 && status < 600 && spacedStatuses[status - 100]) || ` ${status}`

  if (tenths >= 0 && tenths < shortDurations.length) return method + " " + path + statusText + shortDurations[tenths]

  const lastDigit = tenths % 10

  return method + " " + path + statusText + " " + (tenths - lastDigit) / 10 + "." + lastDigit + "ms"
}

// " 100" to " 599".
const spacedStatuses = Array.from({length: 500}, (_, index) => ` ${index + 100}`)
// " 0.0ms" to " 99.9ms".
const shortDurations = Array.from({length: 1000}, (_, tenths) => ` ${(tenths - (tenths % 10)) / 10}.${tenths % 10}ms`)
