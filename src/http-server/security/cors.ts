import type {IncomingHttpHeaders} from "node:http"
import {checkKeys} from "../../utils/check-keys.js"
import {SecurityConfigurationError} from "./errors.js"
import type {CorsOptions} from "./options.js"

const corsOptionKeys = ["origins", "methods", "headers", "exposeHeaders", "credentials", "maxAge"]
const defaultMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

/** The CORS options checked and turned into what each request needs, once per configuration. */
export interface CorsPolicy {
  allowsOrigin(origin: string): boolean
  /** Headers for an allowed origin's actual (non-preflight) request. */
  responseHeaders(origin: string): Record<string, string>
  /** The preflight answer, or undefined when the origin or method is not allowed. */
  preflightHeaders(origin: string, headers: IncomingHttpHeaders): Record<string, string> | undefined
}

export function corsPolicyFrom(options: CorsOptions | undefined): CorsPolicy | undefined {
  if (options === undefined) return undefined
  if (typeof options !== "object" || options === null) throw new SecurityConfigurationError(`cors must be an object such as {origins: ["https://app.example.com"]}, got ${String(options)}`)

  checkKeys(options, corsOptionKeys, "cors")

  const anyOrigin = options.origins === "*"
  const allowsOrigin = originMatcher(options.origins)
  const methods = (options.methods || defaultMethods).map((method) => String(method).toUpperCase())
  const allowedHeaders = options.headers ?? "*"
  const credentials = options.credentials === true
  const maxAge = options.maxAge ?? 7200

  if (anyOrigin && credentials) {
    throw new SecurityConfigurationError("cors: credentials: true cannot be combined with origins: \"*\" (browsers refuse it, and it would let every site act as the user); list the origins instead")
  }
  if (allowedHeaders !== "*" && !Array.isArray(allowedHeaders)) throw new SecurityConfigurationError("cors: headers must be \"*\" or a list of header names")
  if (!Number.isInteger(maxAge) || maxAge < 0) throw new SecurityConfigurationError(`cors: maxAge must be a whole number of seconds, got ${String(maxAge)}`)

  const methodSet = new Set(methods)
  const headerSet = Array.isArray(allowedHeaders) ? new Set(allowedHeaders.map((header) => header.toLowerCase())) : undefined
  const allowMethods = methods.join(", ")
  const exposeHeaders = options.exposeHeaders && options.exposeHeaders.length > 0 ? options.exposeHeaders.join(", ") : undefined

  const baseHeaders = (origin: string): Record<string, string> => {
    const headers: Record<string, string> = {"access-control-allow-origin": anyOrigin ? "*" : origin}

    // A reflected origin varies per request: caches must key on it.
    if (!anyOrigin) headers.vary = "Origin"
    if (credentials) headers["access-control-allow-credentials"] = "true"

    return headers
  }

  return {
    allowsOrigin,
    responseHeaders(origin) {
      const headers = baseHeaders(origin)

      if (exposeHeaders) headers["access-control-expose-headers"] = exposeHeaders

      return headers
    },
    preflightHeaders(origin, requestHeaders) {
      const method = String(requestHeaders["access-control-request-method"] || "").toUpperCase()

      if (!allowsOrigin(origin) || !methodSet.has(method)) return undefined

      const asked = String(requestHeaders["access-control-request-headers"] || "").split(",").map((header) => header.trim()).filter(Boolean)

      if (headerSet && asked.some((header) => !headerSet.has(header.toLowerCase()))) return undefined

      const headers = baseHeaders(origin)

      headers["access-control-allow-methods"] = allowMethods
      if (asked.length > 0) headers["access-control-allow-headers"] = asked.join(", ")
      headers["access-control-max-age"] = String(maxAge)
      if (!anyOrigin) headers.vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"

      return headers
    }
  }
}

function originMatcher(origins: CorsOptions["origins"]): (origin: string) => boolean {
  if (origins === "*") return () => true
  if (typeof origins === "function") return (origin) => origins(origin) === true
  if (origins instanceof RegExp) return (origin) => origins.test(origin)

  const list = typeof origins === "string" ? [origins] : origins

  if (!Array.isArray(list) || list.length === 0) {
    throw new SecurityConfigurationError("cors: origins must be \"*\", an origin such as \"https://app.example.com\", a list of origins or RegExps, a RegExp, or a function")
  }

  const exact = new Set<string>()
  const patterns: RegExp[] = []

  for (const entry of list) {
    if (entry instanceof RegExp) patterns.push(entry)
    else if (typeof entry === "string" && /^https?:\/\/[^/\s]+$/.test(entry)) exact.add(entry)
    else throw new SecurityConfigurationError(`cors: '${String(entry)}' is not an origin: write scheme and host without a path, e.g. "https://app.example.com"`)
  }

  return (origin) => exact.has(origin) || patterns.some((pattern) => pattern.test(origin))
}
