import {checkKeys} from "../../utils/check-keys.js"
import RequestResponse from "./request-response.js"

export interface RequestOptions {
  headers?: Record<string, string>
}

/**
 * What request tests get as `client`: HTTP against the app booted for the run. Bodies that
 * are not strings go as JSON; cookies the app sets are sent back on later requests of the
 * same test, like a browser would.
 */
export default class RequestClient {
  private readonly cookies = new Map<string, string>()

  constructor(private readonly baseUrl: string) {}

  get(path: string, options?: RequestOptions): Promise<RequestResponse> { return this.request("GET", path, undefined, options) }
  delete(path: string, options?: RequestOptions): Promise<RequestResponse> { return this.request("DELETE", path, undefined, options) }
  post(path: string, body?: unknown, options?: RequestOptions): Promise<RequestResponse> { return this.request("POST", path, body, options) }
  put(path: string, body?: unknown, options?: RequestOptions): Promise<RequestResponse> { return this.request("PUT", path, body, options) }
  patch(path: string, body?: unknown, options?: RequestOptions): Promise<RequestResponse> { return this.request("PATCH", path, body, options) }

  async request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<RequestResponse> {
    checkKeys(options, ["headers"], `client.${method.toLowerCase()}()`)

    if (!path.startsWith("/")) throw new TypeError(`client.${method.toLowerCase()}() needs a path starting with "/", got '${path}'`)

    const headers: Record<string, string> = {accept: "application/json, text/html;q=0.9, */*;q=0.8"}
    let payload: string | undefined

    if (body !== undefined) {
      if (typeof body === "string") {
        payload = body
      } else {
        payload = JSON.stringify(body)
        headers["content-type"] = "application/json"
      }
    }

    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ")

    const response = await fetch(`${this.baseUrl}${path}`, {method, headers: {...headers, ...options.headers}, body: payload, redirect: "manual"})
    const text = await response.text()

    this.rememberCookies(response.headers.getSetCookie())

    return new RequestResponse(response.status, response.headers, text)
  }

  private rememberCookies(setCookies: string[]): void {
    for (const setCookie of setCookies) {
      const [pair, ...attributes] = setCookie.split(";")
      const separator = pair.indexOf("=")

      if (separator <= 0) continue

      const name = pair.slice(0, separator).trim()
      const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute))

      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(separator + 1).trim())
    }
  }
}
