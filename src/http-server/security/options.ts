import type {RateLimitStore} from "../../rate-limit/store.js"

/** Which cross-origin requests browsers may make (see cors.ts); off unless configured, as in Rails. */
export interface CorsOptions {
  /** "*" (any origin), one origin, a list, a RegExp, or a function that says yes or no. */
  origins: "*" | string | (string | RegExp)[] | RegExp | ((origin: string) => boolean)
  /** Default GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS */
  methods?: string[]
  /** Request headers a cross-origin request may send; default "*" (whatever the preflight asks for). */
  headers?: "*" | string[]
  /** Response headers the browser lets the page read. Default none. */
  exposeHeaders?: string[]
  /** Allow cookies and HTTP auth on cross-origin requests (needs explicit origins). Default false. */
  credentials?: boolean
  /** Seconds a browser may cache a preflight answer. Default 7200. */
  maxAge?: number
}

export interface SessionOptions {
  /** Default "_velocious_session" */
  cookieName?: string
  /** Seconds; also checked inside the encrypted value, so an old cookie cannot be replayed past it. Default: none (a browser-session cookie). */
  maxAge?: number
  /** Default "Lax" */
  sameSite?: "Strict" | "Lax" | "None" | "strict" | "lax" | "none"
  domain?: string
  /** Default "/" */
  path?: string
}

export interface HealthCheckOptions {
  /** Default "/up" */
  path?: string
  /** Run on every health request; a throw (or rejection) answers 503. */
  check?: () => unknown
}

export interface RequestLoggingOptions {
  /** "text" (default): `GET /tasks 200 3.1ms`; "json": one JSON object per request, with its request id. */
  format?: "text" | "json"
}

export interface SecurityConfigurationOptions {
  /** Default: on, except in the test environment (as Rails' allow_forgery_protection). */
  csrfProtection?: boolean
  cors?: CorsOptions
  /** Headers sent on every response unless the action set them; `false` sends none, a `false` value drops one default. */
  securityHeaders?: false | Record<string, string | false>
  session?: SessionOptions
  /** Mark every cookie (and the session cookie) Secure unless set with `secure: false`. Default: true in production. */
  secureCookies?: boolean
  /** The store rateLimit() counts in, unless a rateLimit() names its own. Default: a MemoryRateLimitStore per configuration. */
  rateLimitStore?: RateLimitStore
  /** `false` turns /up off. */
  healthCheck?: false | HealthCheckOptions
  /** Take X-Request-Id from the request (or make one), echo it, and log it. Default true. */
  requestId?: boolean
  requestLogging?: RequestLoggingOptions
}

export const securityOptionKeys: readonly (keyof SecurityConfigurationOptions)[] = [
  "csrfProtection",
  "cors",
  "securityHeaders",
  "session",
  "secureCookies",
  "rateLimitStore",
  "healthCheck",
  "requestId",
  "requestLogging"
]
