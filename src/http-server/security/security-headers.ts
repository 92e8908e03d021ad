import {SecurityConfigurationError} from "./errors.js"

/** Rails' default_headers (7.1+): a page can't be framed by other sites, content types are not sniffed, referrers are trimmed. */
export const defaultSecurityHeaders: Readonly<Record<string, string>> = Object.freeze({
  "x-frame-options": "SAMEORIGIN",
  "x-xss-protection": "0",
  "x-content-type-options": "nosniff",
  "x-permitted-cross-domain-policies": "none",
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
