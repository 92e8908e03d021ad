import {encryptCookieValue} from "../cookies/cookie-encryption.js"
import type Cookie from "../cookies/cookie.js"
import {MissingCookieSecretError} from "../cookies/errors.js"
import {setCookieHeader} from "../cookies/set-cookie-header.js"
import type Response from "../http-server/response.js"
import type {SessionSettings} from "../http-server/security/session-settings.js"

/** Browsers keep cookies up to 4096 bytes (name, value and attributes); a bigger one is dropped without a word. */
const maxCookieBytes = 4096

export class SessionOverflowError extends Error {
  override name = "SessionOverflowError"
}

interface StoredSession {
  /** The values */
  d: Record<string, unknown>
  /** Expires at (epoch seconds), when session.maxAge is set */
  e?: number
}

/**
 * `this.session()` in a controller: values kept between requests in one cookie, encrypted and
 * authenticated with AES-256-GCM under cookieSecret (the cookie store of Rails). The client can
 * neither read nor change it; what it holds must be JSON-serializable and small (4 KB cookie).
 */
export default class Session {
  private values: Record<string, unknown>
  private changed = false

  constructor(values: Record<string, unknown> = {}, private readonly existed = false) {
    this.values = values
  }

  get<Value = unknown>(key: string): Value | undefined {
    return Object.hasOwn(this.values, key) ? this.values[key] as Value : undefined
  }

  set(key: string, value: unknown): this {
    if (value === undefined) return this.delete(key)

    // Checked now, so the mistake points at the line that made it rather than at the end of the request.
    if (JSON.stringify(value) === undefined) throw new TypeError(`session().set("${key}", ...) needs a JSON-serializable value, got ${typeof value}`)

    this.values[key] = value
    this.changed = true

    return this
  }

  has(key: string): boolean {
    return Object.hasOwn(this.values, key)
  }

  delete(key: string): this {
    if (Object.hasOwn(this.values, key)) {
      delete this.values[key]
      this.changed = true
    }

    return this
  }

  keys(): string[] {
    return Object.keys(this.values)
  }

  /** Rails' reset_session: forget everything (do it on login and logout, against session fixation). */
  clear(): this {
    this.values = {}
    this.changed = true

    return this
  }

  isChanged(): boolean {
    return this.changed
  }

  toJSON(): Record<string, unknown> {
    return {...this.values}
  }

  /** Adds the Set-Cookie the changes need (none when nothing changed). */
  commit(response: Response, settings: SessionSettings, secret: string): void {
    if (!this.changed) return

    const attributes = {httpOnly: true, sameSite: settings.sameSite, secure: settings.secure, path: settings.path, domain: settings.domain}

    if (Object.keys(this.values).length === 0) {
      if (this.existed) response.addSetCookie(setCookieHeader(settings.cookieName, "", {...attributes, maxAge: 0, expires: new Date(0)}))
      return
    }

    const stored: StoredSession = {d: this.values}

    if (settings.maxAge !== undefined) stored.e = Math.floor(Date.now() / 1000 + settings.maxAge)

    const header = setCookieHeader(settings.cookieName, encryptCookieValue(settings.cookieName, JSON.stringify(stored), secret), {...attributes, maxAge: settings.maxAge})

    if (header.length > maxCookieBytes) {
      throw new SessionOverflowError(`The session cookie would be ${header.length} bytes, over the ${maxCookieBytes} browsers keep: store ids in the session and the data in the database`)
    }

    response.addSetCookie(header)
  }
}

/** The session the request's cookie holds; a missing, tampered, foreign or expired one gives an empty session. */
export function loadSession(cookies: readonly Cookie[], settings: SessionSettings, secret: string | undefined): Session {
  if (!secret) throw new MissingCookieSecretError("The session is kept in an encrypted cookie: set cookieSecret in new Configuration({...}) (e.g. cookieSecret: process.env.COOKIE_SECRET, a long random string)")

  const cookie = cookies.find((each) => each.name() === settings.cookieName && each.isEncrypted())

  if (!cookie) return new Session({}, false)

  try {
    const stored = JSON.parse(cookie.value()) as StoredSession

    if (!stored || typeof stored.d !== "object" || stored.d === null || Array.isArray(stored.d)) return new Session({}, true)
    if (stored.e !== undefined && stored.e * 1000 <= Date.now()) return new Session({}, true)

    return new Session(stored.d, true)
  } catch {
    return new Session({}, true)
  }
}
