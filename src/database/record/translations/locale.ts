import type Configuration from "../../../configuration.js"

const contextLocaleKey = Symbol.for("velocious.translations.contextLocale")

/**
 * The locale translated attributes, `_()` and mailers answer in: the per-request locale (set by
 * src/translations/current-locale.ts through a global hook, so this file needs no Node import),
 * else the configured `locale` (a string or a function), else the first of `locales`, else "en".
 */
export function currentLocale(configuration: Configuration): string {
  const fromContext = (globalThis as unknown as Record<symbol, (() => string | undefined) | undefined>)[contextLocaleKey]?.()

  if (fromContext) return fromContext

  const option = configuration.options.locale
  const locale = typeof option === "function" ? option() : option

  return locale || configuration.options.locales?.[0] || "en"
}

/**
 * The locales to try, in order, when reading in `locale`: its `localeFallbacks` entry, with the
 * locale itself put first when the entry leaves it out, so `{de: ["en"]}` still reads German first.
 */
export function localeChain(configuration: Configuration, locale: string): string[] {
  const fallbacks = configuration.options.localeFallbacks?.[locale] || []

  return fallbacks.includes(locale) ? [...new Set(fallbacks)] : [locale, ...new Set(fallbacks)]
}

/** Every locale the configuration mentions; the per-locale accessors (`nameEn()`) are made for these. */
export function configuredLocales(configuration: Configuration): string[] {
  const options = configuration.options
  const locales = new Set(options.locales || [])

  if (typeof options.locale === "string") locales.add(options.locale)

  for (const [locale, fallbacks] of Object.entries(options.localeFallbacks || {})) {
    locales.add(locale)
    for (const fallback of fallbacks) locales.add(fallback)
  }

  return locales.size > 0 ? [...locales] : ["en"]
}

/** `en` → `En`, `pt-BR` → `PtBr`: how a locale is spelled at the end of an accessor name. */
export function localeSuffix(locale: string): string {
  return locale.split(/[-_]/).filter(Boolean).map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()).join("")
}
