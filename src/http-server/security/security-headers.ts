import {SecurityConfigurationError} from "./errors.js"

/**
 * The three of Rails' default_headers that modern browsers act on: a page can't be framed by
 * other sites, content types are not sniffed, referrers are trimmed. Rails' other two
 * (X-XSS-Protection: 0, X-Permitted-Cross-Domain-Policies: none) only reach legacy browsers,
 * Flash and Acrobat, and every header is paid for on every response (node:http validates each),
 * so they are left to `securityHeaders` for apps that want them.
 */
export const defaultSecurityHeaders: Readonly<Record<string, string>> = Object.freeze({
  "x-frame-options": "SAMEORIGIN",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin"
})

const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const headerValuePattern = /^[^\r\n\x00]*$/

/** The defaults with the configured changes; undefined when none are sent (so writing a response skips them). */
export function securityHeadersFrom(option: false | Record<string, string | false> | undefined): Readonly<Record<string, string>> | undefined {
  if (option === false) return undefined
  if (option === undefined) return defaultSecurityHeaders
  if (typeof option !== "object" || option === null || Array.isArray(option)) {
    throw new SecurityConfigurationError(`securityHeaders must be false or an object of header name to value (false drops a default), got ${String(option)}`)
  }

  const headers: Record<string, string> = {...defaultSecurityHeaders}

  for (const [name, value] of Object.entries(option)) {
    if (!headerNamePattern.test(name)) throw new SecurityConfigurationError(`securityHeaders: '${name}' is not a valid header name`)

    const key = name.toLowerCase()

    if (value === false) {
      delete headers[key]
    } else if (typeof value === "string" && headerValuePattern.test(value)) {
      headers[key] = value
    } else {
      throw new SecurityConfigurationError(`securityHeaders: the value of '${name}' must be a string without line breaks, or false to drop the header; got ${JSON.stringify(value)}`)
    }
  }

  return Object.keys(headers).length === 0 ? undefined : Object.freeze(headers)
}
