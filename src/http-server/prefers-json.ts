import type {IncomingHttpHeaders} from "node:http"

/** JSON when Accept asks for it, or when a JSON request does not ask for HTML. */
export function prefersJson(headers: IncomingHttpHeaders): boolean {
  const accept = headers.accept || ""

  if (/application\/([\w.-]+\+)?json/.test(accept)) return true
  if (/text\/html/.test(accept)) return false

  return /json/.test(headers["content-type"] || "")
}
