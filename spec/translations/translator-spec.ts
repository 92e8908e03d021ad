import path from "node:path"
import {fileURLToPath} from "node:url"
import gettextConfig from "gettext-universal/build/src/config.js"
import Configuration from "velocious/build/src/configuration.js"
import {withLocale} from "velocious/build/src/translations/current-locale.js"
import {registerTranslations, resetTranslations, translate, translatorFor} from "velocious/build/src/translations/translate.js"
import {afterEach, describe, expect, it} from "velocious/build/src/testing/test.js"

const appDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/app")

function configuration(options: Record<string, unknown> = {}): Configuration {
  return new Configuration({directory: appDirectory, environment: "test", logging: {console: false}, locales: ["en", "de", "pl", "da"], ...options})
}

describe("Translations", () => {
  afterEach(() => {
    resetTranslations()
    delete (gettextConfig.getLocales() as Record<string, unknown>).en
  })

  it("reads .po files from src/locales with %{name} interpolation", () => {
    const _ = translatorFor(configuration({locale: "de"}))

    expect(_("Hello %{userName}", {userName: "Kasper"})).toEqual("Hallo Kasper")
    expect(translatorFor(configuration({locale: "en"}))("Hello %{userName}", {userName: "Kasper"})).toEqual("Hello Kasper")
  })

  it("picks plural forms by the .po file's Plural-Forms, and the plural msgid when untranslated", () => {
    const de = translatorFor(configuration({locale: "de"}))
    const pl = translatorFor(configuration({locale: "pl"}))
    const en = translatorFor(configuration({locale: "en"}))
    const forms = (_: typeof de) => [1, 2, 5, 22].map((count) => _("%{count} task", {count, plural: "%{count} tasks"}))

    expect(forms(de)).toEqual(["1 Aufgabe", "2 Aufgaben", "5 Aufgaben", "22 Aufgaben"])
    expect(forms(pl)).toEqual(["1 zadanie", "2 zadania", "5 zadań", "22 zadania"])
    expect(forms(en)).toEqual(["1 task", "2 tasks", "5 tasks", "22 tasks"])
  })

  it("takes the locale as a string or a function, and follows localeFallbacks", () => {
    let current = "de"
    const config = configuration({locale: () => current, localeFallbacks: {da: ["de"]}})

    expect(translate(config, "Only in German")).toEqual("Nur auf Deutsch")
    current = "da"
    expect(translate(config, "Only in German")).toEqual("Nur auf Deutsch")
    current = "en"
    expect(translate(config, "Only in German")).toEqual("Only in German")
    // An empty msgstr is untranslated, as in gettext
    expect(translate(configuration({locale: "de"}), "Untranslated in German")).toEqual("Untranslated in German")
    expect(translate(configuration({locale: "de"}), "Nothing", {defaultValue: "Default"})).toEqual("Default")
  })

  it("reads plain JS objects, which win over .po entries", () => {
    registerTranslations("de", {"Only in German": "Objekt", "%{count} file": ["%{count} Datei", "%{count} Dateien"]})

    const _ = translatorFor(configuration({locale: "de"}))

    expect(_("Only in German")).toEqual("Objekt")
    expect(_("%{count} file", {count: 3, plural: "%{count} files"})).toEqual("3 Dateien")
    expect(_("%{count} file", {count: 1, plural: "%{count} files"})).toEqual("1 Datei")
  })

  it("reads compiled translations registered with gettext-universal the README's way", () => {
    const en = {"Hello %{userName}": "Hi there %{userName}"}

    Object.assign(gettextConfig.getLocales(), {en})

    expect(translate(configuration({locale: () => "en", locales: ["en"], localeFallbacks: {en: ["en"]}}), "Hello %{userName}", {userName: "Kasper"})).toEqual("Hi there Kasper")
  })

  it("uses configuration.setTranslator(fn) instead of the default", () => {
    const config = configuration({locale: "de"})
    const calls: unknown[] = []

    config.setTranslator((msgID, args) => {
      calls.push([msgID, args])

      return `custom:${msgID}`
    })
    expect(translatorFor(config)("Hello %{userName}", {userName: "K"})).toEqual("custom:Hello %{userName}")
    expect(calls).toEqual([["Hello %{userName}", {userName: "K"}]])
    config.setTranslator(undefined)
    expect(translatorFor(config)("Hello %{userName}", {userName: "K"})).toEqual("Hallo K")
    expect(() => config.setTranslator("nope" as never)).toThrow(/setTranslator\(\) takes a function/)
  })

  it("withLocale() overrides the configured locale inside its async context only", async () => {
    const config = configuration({locale: "en"})
    const seen: string[] = []

    await Promise.all([
      withLocale("de", async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        seen.push(translate(config, "Hello %{userName}", {userName: "A"}))
      }),
      withLocale("pl", async () => {
        seen.push(translate(config, "%{count} task", {count: 5, plural: "%{count} tasks"}))
      })
    ])

    expect(seen).toEqual(["5 zadań", "Hallo A"])
    expect(translate(config, "Hello %{userName}", {userName: "A"})).toEqual("Hello A")
  })
})
