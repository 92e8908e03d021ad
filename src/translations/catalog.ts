import {compilePluralForms, type PluralIndex} from "./plural-forms.js"

/** A translation: one string, or the plural forms in gettext order (msgstr[0], msgstr[1], ...). */
export type TranslationValue = string | string[]

export interface LocaleCatalog {
  messages: Map<string, TranslationValue>
  pluralIndex: PluralIndex
}

/** Translations per locale, from .po files and plain objects. Later registrations win per msgid. */
export default class Catalog {
  private readonly locales = new Map<string, LocaleCatalog>()

  register(locale: string, messages: Record<string, TranslationValue>, {pluralForms}: {pluralForms?: string} = {}): void {
    let catalog = this.locales.get(locale)

    if (!catalog) {
      catalog = {messages: new Map(), pluralIndex: compilePluralForms(pluralForms)}
      this.locales.set(locale, catalog)
    } else if (pluralForms) {
      catalog.pluralIndex = compilePluralForms(pluralForms)
    }

    for (const [msgid, value] of Object.entries(messages)) {
      if (value === "" || (Array.isArray(value) && value.every((form) => !form))) continue

      catalog.messages.set(msgid, value)
    }
  }

  get(locale: string): LocaleCatalog | undefined {
    return this.locales.get(locale)
  }

  clear(): void {
    this.locales.clear()
  }
}
