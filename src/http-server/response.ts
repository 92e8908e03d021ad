const noCookies: readonly string[] = Object.freeze([])

/** What a controller builds; the server writes it in one `end()` with a Content-Length. */
export default class Response {
  private status = 200
  private readonly headerMap = new Map<string, string | string[]>()
  private content: string | Buffer = ""
  // Made on the first cookie: most responses set none.
  private cookieHeaders: string[] | undefined

  getStatus(): number {
    return this.status
  }

  setStatus(status: number): this {
    if (!Number.isInteger(status) || status < 100 || status > 999) throw new RangeError(`Response status must be an integer HTTP status (100-999), got ${String(status)}`)

    this.status = status

    return this
  }

  setHeader(name: string, value: string | string[]): this {
    this.headerMap.set(name.toLowerCase(), value)

    return this
  }

  getHeader(name: string): string | string[] | undefined {
    return this.headerMap.get(name.toLowerCase())
  }

  headers(): Map<string, string | string[]> {
    return this.headerMap
  }

  setBody(body: string | Buffer): this {
    this.content = body

    return this
  }

  getBody(): string | Buffer {
    return this.content
  }

  addSetCookie(header: string): void {
    (this.cookieHeaders ||= []).push(header)
  }

  setCookieHeaders(): readonly string[] {
    return this.cookieHeaders || noCookies
  }
}
