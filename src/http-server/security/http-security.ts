import type Configuration from "../../configuration.js"
import MemoryRateLimitStore from "../../rate-limit/memory-store.js"
import type {RateLimitStore} from "../../rate-limit/store.js"
import {checkKeys} from "../../utils/check-keys.js"
import {corsPolicyFrom, type CorsPolicy} from "./cors.js"
import {SecurityConfigurationError} from "./errors.js"
import {headerBlockFrom, type HeaderBlock} from "../header-block.js"
import {healthCheckFrom, type HealthCheck} from "./health-check.js"
import {securityHeadersFrom} from "./security-headers.js"
import {sessionSettingsFrom, type SessionSettings} from "./session-settings.js"

/** A configuration's security options, checked and worked out once: the request path only reads these. */
export interface HttpSecurity {
  csrfProtection: boolean
  /** The security headers, checked once for writeResponse() (see header-block.ts); undefined: none are sent. */
  securityHeaderBlock: HeaderBlock | undefined
  cors: CorsPolicy | undefined
  healthCheck: HealthCheck | undefined
  requestIds: boolean
  jsonRequestLog: boolean
  secureCookies: boolean
  session: SessionSettings
  rateLimitStore(): RateLimitStore
  /** Closes the rate limit store if one was used (a Redis connection would keep the process alive). */
  close(): Promise<void>
}

const securityByConfiguration = new WeakMap<Configuration, HttpSecurity>()

export function httpSecurityFor(configuration: Configuration): HttpSecurity {
  let security = securityByConfiguration.get(configuration)

  if (!security) {
    security = buildSecurity(configuration)
    securityByConfiguration.set(configuration, security)
  }

  return security
}

function buildSecurity(configuration: Configuration): HttpSecurity {
  const {options} = configuration
  const environment = configuration.getEnvironment()
  const secureCookies = booleanOption(options.secureCookies, "secureCookies") ?? environment === "production"
  const requestLogging = options.requestLogging || {}

  checkKeys(requestLogging, ["format"], "requestLogging")
  if (requestLogging.format !== undefined && requestLogging.format !== "text" && requestLogging.format !== "json") {
    throw new SecurityConfigurationError(`requestLogging: format must be "text" or "json", got ${JSON.stringify(requestLogging.format)}`)
  }

  const configuredStore = options.rateLimitStore

  if (configuredStore !== undefined && typeof (configuredStore as RateLimitStore)?.increment !== "function") {
    throw new SecurityConfigurationError("rateLimitStore must be a rate limit store, such as new MemoryRateLimitStore() or new RedisRateLimitStore({url, prefix})")
  }

  let store: RateLimitStore | undefined = configuredStore
  const securityHeaders = securityHeadersFrom(options.securityHeaders)

  return {
    // Rails: config.action_controller.allow_forgery_protection = false in config/environments/test.rb.
    csrfProtection: booleanOption(options.csrfProtection, "csrfProtection") ?? environment !== "test",
    securityHeaderBlock: securityHeaderBlockFrom(securityHeaders),
    cors: corsPolicyFrom(options.cors),
    healthCheck: healthCheckFrom(options.healthCheck),
    requestIds: booleanOption(options.requestId, "requestId") ?? true,
    jsonRequestLog: requestLogging.format === "json",
    secureCookies,
    session: sessionSettingsFrom(options.session, secureCookies),
    rateLimitStore: () => store ||= new MemoryRateLimitStore(),
    close: async () => {
      const used = store

      store = configuredStore === undefined ? undefined : configuredStore
      await used?.close()
    }
  }
}

/** Invalid values fail here, at boot, with node's own message, rather than on every response. */
function securityHeaderBlockFrom(headers: Readonly<Record<string, string>> | undefined): HeaderBlock | undefined {
  if (!headers) return undefined

  const list = Object.entries(headers).flat()

  try {
    return headerBlockFrom(list)
  } catch (error) {
    throw new SecurityConfigurationError(`securityHeaders: ${(error as Error).message}`)
  }
}

function booleanOption(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value

  throw new SecurityConfigurationError(`${name} must be true or false, got ${JSON.stringify(value)}`)
}

/** Configuration#close(): what the security options opened (only if they were ever worked out). */
export async function closeHttpSecurity(configuration: Configuration): Promise<void> {
  await securityByConfiguration.get(configuration)?.close()
}
