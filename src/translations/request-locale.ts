import type Configuration from "../configuration.js"
import {configuredLocales} from "../database/record/translations/locale.js"
import {parseCookieHeader} from "../cookies/parse-cookie-header.js"
import {checkKeys} from "../utils/check-keys.js"

/** Where a request's locale comes from, tried in this order; `false` turns a source off. */
export interface RequestLocaleOptions {
  /** Param name (query or body), default "locale" */
  param?: string | false
  /** Cookie name (an unencrypted cookie), default "locale" */
  cookie?: string | false
  /** Use the Accept-Language header, default true */
  acceptLanguage?: boolean
}

interface LocaleSources {
  params: Record<string, unknown>
  header(name: string): string | undefined
}

const optionKeys = ["param", "cookie", "acceptLanguage"]

interface LocaleSettings {
  options: RequestLocaleOptions
  /** Lower-cased configured locale → as configured. */
  known: Map<string, string>
}

// Every request asks; a configuration's options are frozen, so the check and the lookup table are made once.
const settingsByConfiguration = new WeakMap<Configuration, LocaleSettings>()

function settingsFor(configuration: Configuration): LocaleSettings {
  let settings = settingsByConfiguration.get(configuration)

  if (!settings) {
    const options = (configuration.options.requestLocale || {}) as RequestLocaleOptions

    checkKeys(options, optionKeys, "requestLocale")
    settings = {options, known: new Map(configuredLocales(configuration).map((locale) => [locale.toLowerCase(), locale]))}
    settingsByConfiguration.set(configuration, settings)
  }

  return settings
}

/**
 * Whether a request can pick a locale at all: with one configured locale (or none) every
 * request gets that one anyway. Also checks the requestLocale option, so a server asks once at
 * boot and skips requestLocale() per request when not.
 */
export function acceptsRequestLocales(configuration: Configuration): boolean {
  return settingsFor(configuration).known.size > 1
}

/**
 * The locale a request asks for, if it is one of the configured locales (so a request can't
 * pick an arbitrary string); undefined means "use the configured locale".
 */
export function requestLocale(configuration: Configuration, {params, header}: LocaleSources): string | undefined {
  const {options, known} = settingsFor(configuration)
  const pick = (candidate: unknown): string | undefined => typeof candidate === "string" ? matchLocale(candidate, known) : undefined
  const paramName = options.param ?? "locale"
  const cookieName = options.cookie ?? "locale"

  if (paramName) {
    const fromParam = pick(params[paramName])

    if (fromParam) return fromParam
  }

  if (cookieName) {
    const fromCookie = pick(cookieValue(header("cookie"), cookieName))

    if (fromCookie) return fromCookie
  }

  if (options.acceptLanguage ?? true) {
    for (const language of acceptedLanguages(header("accept-language"))) {
      const fromHeader = pick(language)

      if (fromHeader) return fromHeader
    }
  }

  return undefined
}

function matchLocale(candidate: string, known: Map<string, string>): string | undefined {
  const lower = candidate.trim().toLowerCase().replace("_", "-")

  return known.get(lower) || known.get(lower.replace("-", "_")) || known.get(lower.split("-")[0])
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  return parseCookieHeader(header).find((cookie) => cookie.name === name)?.value
}

/** Accept-Language entries by descending q (stable for equal q), without q=0. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return []

  return header.split(",")
    .map((entry, index) => {
      const [tag, ...parameters] = entry.trim().split(";")
      const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="))

      return {tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index}
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag)
}
