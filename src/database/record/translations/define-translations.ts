import type Record from "../index.js"
import type Configuration from "../../../configuration.js"
import {addTranslatedAttributes, parseTranslatedName, translatedAttributesOf} from "./translated-attributes.js"
import {configuredLocales, localeSuffix} from "./locale.js"
import {readTranslation, readTranslationWithFallbacks, saveTranslations, translationsRelationshipName, writeTranslation} from "./translation-store.js"
import {initializeTranslationModel, translationClassName} from "./translation-model.js"
import {capitalize} from "../../../utils/inflection.js"

type Prototype = {[name: string]: unknown}

function define(model: typeof Record, name: string, method: (this: Record, ...args: any[]) => unknown): void {
  const prototype = model.prototype as unknown as Prototype

  // The app's own method by that name wins, as with column accessors.
  if (Object.hasOwn(prototype, name)) return

  Object.defineProperty(prototype, name, {configurable: true, writable: true, value: method})
}

/**
 * `Task.translates("name")`: `name()` / `setName()` in the current locale, `nameEn()` /
 * `setNameEn()` per configured locale (made when the model initializes, once the locales are
 * known), a `translations` hasMany for preloading, and saving with the task.
 */
export function defineTranslations(model: typeof Record, attributes: string[]): void {
  if (attributes.length === 0 || attributes.some((each) => typeof each !== "string" || each === "")) {
    throw new TypeError(`${model.name}.translates() needs one or more attribute names, like ${model.name}.translates("name", "description")`)
  }

  // The accessors and the translation model are set up by initialization, which has run already.
  if (model.isInitialized()) throw new TypeError(`${model.name}.translates() was called after ${model.name} was initialized; call it in the class's file, next to its relationships`)

  const firstCall = translatedAttributesOf(model).length === 0
  const added = addTranslatedAttributes(model, attributes)

  for (const attribute of added) {
    define(model, attribute, function() { return readTranslationWithFallbacks(this, attribute) })
    define(model, `set${capitalize(attribute)}`, function(value: unknown) {
      writeTranslation(this, attribute, undefined, value)

      return this
    })
  }

  if (!firstCall) return

  // An app that declares the relationship itself (another class name, a scope) keeps it.
  if (!model.getRelationships().has(translationsRelationshipName)) {
    model.hasMany(translationsRelationshipName, {className: translationClassName(model), dependent: "destroy"})
  }

  model.afterSave((record: Record) => saveTranslations(record))
  model.addInitializeHook((configuration) => initializeTranslations(model, configuration))
}

async function initializeTranslations(model: typeof Record, configuration: Configuration): Promise<void> {
  await initializeTranslationModel(model, configuration)

  for (const attribute of translatedAttributesOf(model)) {
    for (const locale of configuredLocales(configuration)) {
      const accessor = `${attribute}${localeSuffix(locale)}`

      define(model, accessor, function() { return readTranslation(this, attribute, locale) })
      define(model, `set${capitalize(accessor)}`, function(value: unknown) {
        writeTranslation(this, attribute, locale, value)

        return this
      })
    }
  }
}

/** For Record#readAttribute: a translated name (`name`, `nameDe`) the table has no column for. */
export function readTranslatedAttribute(record: Record, name: string): {found: boolean, value?: unknown} {
  const parsed = parseTranslatedName(record.getModel(), name)

  if (!parsed) return {found: false}

  return {found: true, value: parsed.locale ? readTranslation(record, parsed.attribute, parsed.locale) : readTranslationWithFallbacks(record, parsed.attribute)}
}

/** For Record#assign: `new Task({name: "x", nameDe: "y"})`. False when `name` is not translated. */
export function writeTranslatedAttribute(record: Record, name: string, value: unknown): boolean {
  const parsed = parseTranslatedName(record.getModel(), name)

  if (!parsed) return false

  writeTranslation(record, parsed.attribute, parsed.locale, value)

  return true
}
