import type Configuration from "../configuration.js"
import {currentLocale, localeChain} from "../database/record/translations/locale.js"
import Catalog, {type TranslationValue} from "./catalog.js"
import {gettextUniversalMessages} from "./gettext-universal.js"
import {loadPoFiles} from "./po-loader.js"
import {customTranslatorFor, type Translator} from "./custom-translator.js"

export {setTranslator, type Translator} from "./custom-translator.js"

/** `_("Hello %{name}", {name})`; with `plural` and `count` it picks a plural form: `_("%{count} task", {count, plural: "%{count} tasks"})`. */
export interface TranslateArgs {
  [variable: string]: unknown
  count?: number
  plural?: string
  defaultValue?: string
}

const objectCatalog = new Catalog()
const poCatalogs = new Map<string, Catalog>()

/** Registers plain-object translations: {"Hello": "Hallo", "%{count} task": ["%{count} Aufgabe", "%{count} Aufgaben"]}. */
export function registerTranslations(locale: string, messages: Record<string, TranslationValue>, options: {pluralForms?: string} = {}): void {
  objectCatalog.register(locale, messages, options)
}

/** Forgets registered objects and loaded .po files (the next translation reads src/locales/ again). */
export function resetTranslations(): void {
  objectCatalog.clear()
  poCatalogs.clear()
}

/** The `_` views and mailers get: the configuration's own translator when set, else the gettext-style default. */
export function translatorFor(configuration: Configuration): Translator {
  return (msgId, args) => translate(configuration, msgId, args)
}

export function translate(configuration: Configuration, msgId: string, args: TranslateArgs = {}): string {
  const custom = customTranslatorFor(configuration)

  if (custom) return custom(msgId, args)

  return interpolate(lookup(configuration, msgId, args), args)
}

function lookup(configuration: Configuration, msgId: string, args: TranslateArgs): string {
  const count = typeof args.count === "number" ? args.count : undefined
  const plural = typeof args.plural === "string" ? args.plural : undefined
  const poCatalog = poCatalogFor(configuration)

  for (const locale of localeChain(configuration, currentLocale(configuration))) {
    for (const catalog of [objectCatalog.get(locale), poCatalog.get(locale)]) {
      const value = catalog?.messages.get(msgId)

      if (value === undefined) continue
      if (typeof value === "string") return value

      const form = value[count === undefined ? 0 : catalog!.pluralIndex(count)] || value[0]

      if (form) return form
    }

    const compiled = gettextUniversalMessages(locale)?.[msgId]

    if (typeof compiled === "string" && compiled) return compiled
    if (Array.isArray(compiled) && typeof compiled[0] === "string") return count === undefined || count === 1 ? compiled[0] : compiled[1] ?? compiled[0]
  }

  if (count !== undefined && plural !== undefined && count !== 1) return plural

  return typeof args.defaultValue === "string" ? args.defaultValue : msgId
}

function poCatalogFor(configuration: Configuration): Catalog {
  const directory = configuration.getDirectory()
  let catalog = poCatalogs.get(directory)

  if (!catalog) {
    catalog = new Catalog()
    loadPoFiles(directory, catalog)
    poCatalogs.set(directory, catalog)
  }

  return catalog
}

const reserved = new Set(["plural", "defaultValue"])

function interpolate(text: string, args: TranslateArgs): string {
  return text.replace(/%\{([A-Za-z0-9_]+)\}/g, (match, name: string) => {
    if (reserved.has(name) || !(name in args)) return match

    return String(args[name])
  })
}
