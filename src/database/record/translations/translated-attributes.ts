import type Record from "../index.js"
import {camelize, underscore} from "../../../utils/inflection.js"
import {configuredLocales, localeSuffix} from "./locale.js"

const attributesKey = Symbol("velocious.record.translatedAttributes")

type ModelStatics = {[key: symbol]: unknown}

/** The model's translated attributes in camelCase (`subTitle`), or an empty list. */
export function translatedAttributesOf(model: typeof Record): string[] {
  return Object.hasOwn(model, attributesKey) ? (model as unknown as ModelStatics)[attributesKey] as string[] : []
}

export function addTranslatedAttributes(model: typeof Record, attributes: string[]): string[] {
  const list = [...new Set([...translatedAttributesOf(model), ...attributes.map(normalizeAttribute)])]

  ;(model as unknown as ModelStatics)[attributesKey] = list

  return list
}

export function normalizeAttribute(name: string): string {
  return camelize(underscore(name))
}

export interface TranslatedName {
  attribute: string
  /** Undefined for the bare attribute (`name`), which means the current locale. */
  locale?: string
}

/**
 * `name` → {attribute: "name"}, `nameEn` / `name_en` → {attribute: "name", locale: "en"}.
 * Locales come from the configuration; an unlisted two- or three-letter suffix is accepted
 * too, so `nameFr` works before `fr` is configured.
 */
export function parseTranslatedName(model: typeof Record, name: string): TranslatedName | undefined {
  const attributes = translatedAttributesOf(model)

  if (attributes.length === 0) return undefined

  const normalized = normalizeAttribute(name)

  if (attributes.includes(normalized)) return {attribute: normalized}

  for (const attribute of attributes) {
    if (!normalized.startsWith(attribute) || normalized.length === attribute.length) continue

    const suffix = normalized.slice(attribute.length)
    const locale = configuredLocales(model.getConfiguration()).find((each) => localeSuffix(each) === suffix)

    if (locale) return {attribute, locale}
    if (/^[A-Z][a-z]{1,2}$/.test(suffix)) return {attribute, locale: suffix.toLowerCase()}
  }

  return undefined
}
