import {checkKeys} from "../utils/check-keys.js"

export interface RenderOptions {
  /** Sent as JSON (application/json) */
  json?: unknown
  /** Sent as text/html */
  html?: string
  /** Sent as text/plain */
  text?: string
  /** A view beside the controller: "show" → src/routes/<controller>/show.ejs */
  view?: string
  /** Extra view locals (merged over assignView()) */
  locals?: Record<string, unknown>
  status?: number
  contentType?: string
}

export const renderOptionKeys = ["json", "html", "text", "view", "locals", "status", "contentType"]

export function checkRenderOptions(options: RenderOptions): void {
  checkKeys(options, renderOptionKeys, "render()")

  const bodies = ["json", "html", "text", "view"].filter((key) => key in options)

  if (bodies.length > 1) throw new TypeError(`render() takes one of json, html, text or view, got ${bodies.join(" and ")}`)
}
