import {checkKeys} from "../utils/check-keys.js"
import {InvalidCookieError} from "./errors.js"

export interface CookieOptions {
  httpOnly?: boolean
  secure?: boolean
  sameSite?: "Strict" | "Lax" | "None" | "strict" | "lax" | "none"
  /** Seconds, as in the Set-Cookie Max-Age attribute */
  maxAge?: number
  expires?: Date
  /** Defaults to "/" so the cookie is sent to the whole app */
  path?: string
  domain?: string
  /** Encrypt (and authenticate) the value with the configuration's cookieSecret */
  encrypted?: boolean
}

export const cookieOptionKeys = ["httpOnly", "secure", "sameSite", "maxAge", "expires", "path", "domain", "encrypted"]

// RFC 6265 token characters: anything else in a name would break the header.
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// Path and domain go into the header verbatim, so no separators or control characters.
const attributePattern = /^[^;\s\x00-\x1f\x7f]*$/

/** One Set-Cookie header value; the value is URL-encoded, as parseCookieHeader expects. */
export function setCookieHeader(name: string, value: string, options: CookieOptions = {}): string {
  checkKeys(options, cookieOptionKeys, `setCookie("${name}")`)

  if (!tokenPattern.test(name)) throw new InvalidCookieError(`'${name}' is not a valid cookie name: use letters, digits and !#$%&'*+-.^_\`|~`)

  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${attribute(options.path ?? "/", "path")}`]

  if (options.domain) parts.push(`Domain=${attribute(options.domain, "domain")}`)

  if (options.maxAge !== undefined) {
    if (!Number.isFinite(options.maxAge)) throw new InvalidCookieError(`maxAge for cookie '${name}' must be a number of seconds, got ${String(options.maxAge)}`)
    parts.push(`Max-Age=${Math.floor(options.maxAge)}`)
  }

  if (options.expires) {
    if (!(options.expires instanceof Date) || Number.isNaN(options.expires.getTime())) throw new InvalidCookieError(`expires for cookie '${name}' must be a valid Date`)
    parts.push(`Expires=${options.expires.toUTCString()}`)
  }

  if (options.httpOnly) parts.push("HttpOnly")
  if (options.secure) parts.push("Secure")

  if (options.sameSite) {
    const sameSite = options.sameSite.charAt(0).toUpperCase() + options.sameSite.slice(1).toLowerCase()

    if (!["Strict", "Lax", "None"].includes(sameSite)) throw new InvalidCookieError(`sameSite for cookie '${name}' must be "Strict", "Lax" or "None", got '${options.sameSite}'`)
    parts.push(`SameSite=${sameSite}`)
  }

  return parts.join("; ")
}

function attribute(value: string, what: string): string {
  if (!attributePattern.test(value)) throw new InvalidCookieError(`The cookie ${what} '${value}' contains characters that are not allowed (';', spaces or control characters)`)

  return value
}
