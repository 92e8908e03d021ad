import Response from "./response.js"

const statusTexts: Record<number, string> = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 413: "Payload Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}

export interface ErrorResponseArgs {
  status: number
  message: string
  json: boolean
  /** Shown outside production only. */
  stack?: string
}

/** A JSON or HTML error page; HTML escapes everything, since messages can echo the URL. */
export function errorResponse({status, message, json, stack}: ErrorResponseArgs): Response {
  const response = new Response().setStatus(status)
  const title = statusTexts[status] || "Error"

  if (json) {
    response.setHeader("content-type", "application/json; charset=utf-8")
    response.setBody(JSON.stringify(stack ? {error: message, status, stack} : {error: message, status}))
  } else {
    const stackHtml = stack ? `<pre>${escapeHtml(stack)}</pre>` : ""

    response.setHeader("content-type", "text/html; charset=utf-8")
    response.setBody(`<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1><p>${escapeHtml(message)}</p>${stackHtml}</body></html>`)
  }

  return response
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}
