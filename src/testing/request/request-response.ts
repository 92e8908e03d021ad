/** A response as request tests see it. */
export default class RequestResponse {
  constructor(private readonly status: number, private readonly responseHeaders: Headers, private readonly text: string) {}

  statusCode(): number {
    return this.status
  }

  /** The media type without parameters: `application/json`, not `application/json; charset=utf-8`. */
  contentType(): string | undefined {
    return this.responseHeaders.get("content-type")?.split(";")[0].trim()
  }

  header(name: string): string | undefined {
    return this.responseHeaders.get(name) ?? undefined
  }

  headers(): Headers {
    return this.responseHeaders
  }

  /** Set-Cookie headers, one entry per cookie. */
  setCookies(): string[] {
    return this.responseHeaders.getSetCookie()
  }

  body(): string {
    return this.text
  }

  json(): any {
    try {
      return JSON.parse(this.text)
    } catch (error) {
      throw new Error(`The response body is not JSON (status ${this.status}, content type ${this.contentType() ?? "none"}): ${this.text.slice(0, 200)}`, {cause: error})
    }
  }
}
