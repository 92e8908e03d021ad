import type Record from "../index.js"
import {RelationshipNotLoadedError} from "../relationships/relationship-errors.js"
import {currentLocale, localeChain} from "./locale.js"

export const translationsRelationshipName = "translations"

type Values = {[attribute: string]: unknown}

// Written values wait here until the owner is saved: a setter is sync, and the translation
// rows of a loaded record may not be loaded yet. Kept off the attributes so toJSON() and
// changes() describe the owner's own table only.
const pendingByRecord = new WeakMap<Record, Map<string, Values>>()

function pendingOf(record: Record): Map<string, Values> {
  let pending = pendingByRecord.get(record)

  if (!pending) {
    pending = new Map()
    pendingByRecord.set(record, pending)
  }

  return pending
}

/** The loaded translation records; a new record without any counts as having none. */
function loadedTranslations(record: Record, attribute: string): Record[] {
  const {loaded, value} = record.getLoadedRelationship(translationsRelationshipName)

  if (loaded) return value as Record[]
  if (record.isNewRecord()) return []

  const model = record.getModel().name

  throw new RelationshipNotLoadedError(`${model}#${attribute} needs the ${model}'s translations: load them with ${model}.preload({translations: true}) or await record.loadTranslations()`)
}

function localeOf(translation: Record): unknown {
  return translation.readAttribute("locale")
}

/** The value in exactly `locale`, or null. */
export function readTranslation(record: Record, attribute: string, locale: string): unknown {
  const pending = pendingByRecord.get(record)?.get(locale)

  if (pending && Object.hasOwn(pending, attribute)) return pending[attribute]

  const translation = loadedTranslations(record, attribute).find((each) => localeOf(each) === locale)

  return translation ? translation.readAttribute(attribute) : null
}

/** The value in the current locale, falling back through `localeFallbacks` past missing (null) values. */
export function readTranslationWithFallbacks(record: Record, attribute: string): unknown {
  const configuration = record.getModel().getConfiguration()

  for (const locale of localeChain(configuration, currentLocale(configuration))) {
    const value = readTranslation(record, attribute, locale)

    if (value !== null && value !== undefined) return value
  }

  return null
}

export function writeTranslation(record: Record, attribute: string, locale: string | undefined, value: unknown): void {
  const resolvedLocale = locale ?? currentLocale(record.getModel().getConfiguration())
  const pending = pendingOf(record)

  pending.set(resolvedLocale, {...pending.get(resolvedLocale), [attribute]: value})
}

/** afterSave of the owner: inserts or updates one translation row per written locale. */
export async function saveTranslations(record: Record): Promise<void> {
  const pending = pendingByRecord.get(record)

  if (!pending || pending.size === 0) return

  const relationship = record.getModel().getRelationshipOrFail(translationsRelationshipName)
  const translationModel = relationship.targetModel()
  const {loaded, value} = record.getLoadedRelationship(translationsRelationshipName)
  const translations = loaded ? [...value as Record[]] : await relationship.applyScope(translationModel.where({[relationship.foreignKey()]: record.readAttribute(relationship.primaryKey())})).toArray()

  for (const [locale, values] of pending) {
    let translation = translations.find((each) => localeOf(each) === locale)

    if (!translation) {
      translation = new translationModel({locale})
      translations.push(translation)
    }

    translation.assign({...values, [relationship.foreignKey()]: record.readAttribute(relationship.primaryKey())})

    if (translation.isNewRecord() || translation.isChanged()) await translation.save()
  }

  pending.clear()
  record.setLoadedRelationship(translationsRelationshipName, translations)
}
