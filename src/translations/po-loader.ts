import fs from "node:fs"
import path from "node:path"
import {po} from "gettext-parser"
import type Catalog from "./catalog.js"
import type {TranslationValue} from "./catalog.js"

export const localesDirectory = "src/locales"

/** Reads src/locales/<locale>.po (the file name is the locale) into `catalog`; a missing folder means no .po files. */
export function loadPoFiles(appDirectory: string, catalog: Catalog): void {
  const directory = path.join(appDirectory, localesDirectory)
  let files: string[]

  try {
    files = fs.readdirSync(directory).filter((file) => file.endsWith(".po")).sort()
  } catch {
    return
  }

  for (const file of files) {
    const locale = path.basename(file, ".po")
    const fullPath = path.join(directory, file)
    let parsed: ReturnType<typeof po.parse>

    try {
      parsed = po.parse(fs.readFileSync(fullPath))
    } catch (error) {
      throw new Error(`Couldn't parse ${path.join(localesDirectory, file)}: ${(error as Error).message}`, {cause: error})
    }

    const messages: Record<string, TranslationValue> = {}

    // Message contexts are flattened: a msgid with a context is looked up as "context\u0004msgid", as gettext does.
    for (const [context, entries] of Object.entries(parsed.translations)) {
      for (const [msgid, entry] of Object.entries(entries)) {
        if (!msgid) continue

        const key = context ? `${context}\u0004${msgid}` : msgid

        messages[key] = entry.msgid_plural ? entry.msgstr : entry.msgstr[0]
      }
    }

    catalog.register(locale, messages, {pluralForms: parsed.headers?.["Plural-Forms"] || parsed.headers?.["plural-forms"]})
  }
}
