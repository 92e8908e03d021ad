const noCookies: readonly string[] = Object.freeze([])

/** What a controller builds; the server writes it in one `end()` with a Content-Length. */
export default class Response {
  private status = 200
  // [name, value, ...] with lower-case names: the form writeResponse() hands to node:http, and
  // for the one to three headers a response usually has, a scan is cheaper than a Map (whose
  // construction, lookups and forEach were about 800 instructions of a hello response).
  // Replaced by a two-item literal on the first header: pushing onto an empty array gives it
  // room for 19 items (V8's growth rule), about 150 bytes of garbage a response.
  private headerList: (string | string[])[] = []
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
    return this.setLowerCaseHeader(name.toLowerCase(), value)
  }

  /** setHeader() for a name known to be in lower case already (the framework's own, such as content-type). */
  setLowerCaseHeader(lowerCase: string, value: string | string[]): this {
    const list = this.headerList

    if (list.length === 0) {
      this.headerList = [lowerCase, value]

      return this
    }

    for (let index = 0; index < list.length; index += 2) {
      if (list[index] === lowerCase) {
        list[index + 1] = value

        return this
      }
    }
    list.push(lowerCase, value)

    return this
  }

  getHeader(name: string): string | string[] | undefined {
    const lowerCase = name.toLowerCase()
    const list = this.headerList

    for (let index = 0; index < list.length; index += 2) if (list[index] === lowerCase) return list[index + 1]

    return undefined
  }

  /** A copy, by lower-case name. */
  headers(): Map<string, string | string[]> {
    const map = new Map<string, string | string[]>()

    for (let index = 0; index < this.headerList.length; index += 2) map.set(this.headerList[index] as string, this.headerList[index + 1])

    return map
  }

  /** The headers as set, as a flat [name, value, ...] list with lower-case names (not a copy: do not change it). */
  headerEntries(): readonly (string | string[])[] {
    return this.headerList
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
