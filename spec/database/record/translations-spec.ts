import {describe, it, expect, beforeAll, afterAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Record from "velocious/build/src/database/record/index.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {RelationshipNotLoadedError} from "velocious/build/src/database/record/relationships/relationship-errors.js"
import {TranslationSetupError} from "velocious/build/src/database/record/translations/translation-model.js"
import {withLocale} from "velocious/build/src/translations/current-locale.js"
import {translate} from "velocious/build/src/translations/translate.js"
import {testDatabases} from "../support/test-databases.js"
import {watchStatements} from "./support/watch-statements.js"

// Accessors are made at runtime; this is how a TypeScript app describes them.
interface Translated {
  name(): string | null
  setName(value: unknown): this
  nameEn(): string | null
  nameDe(): string | null
  setNameEn(value: unknown): this
  setNameDe(value: unknown): this
}

class TrProject extends Record {}
interface TrProject extends Translated {}
class TrTask extends Record {}
interface TrTask extends Translated {
  description(): string | null
  setDescriptionDe(value: unknown): this
  trProject(): TrProject
}
class TrNote extends Record {}
interface TrNote {body(): string | null, setBody(value: unknown): this}
// The app's own translation model: used instead of a generated one.
class TrNoteTranslation extends Record {
  shout(): string {
    return String(this.readAttribute("body")).toUpperCase()
  }
}
class TrBroken extends Record {}
class TrMissing extends Record {}

TrProject.translates("name")
TrProject.hasMany("trTasks")
TrTask.translates("name", "description")
TrTask.belongsTo("trProject")
TrNote.translates("body")
TrBroken.translates("title")
TrMissing.translates("title")

const tables = ["tr_task_translations", "tr_project_translations", "tr_note_translations", "tr_broken_translations", "tr_tasks", "tr_projects", "tr_notes", "tr_brokens", "tr_missings"]

async function dropTables(db: BaseDriver): Promise<void> {
  for (const table of tables) await new SchemaStatements(db).dropTable(table, {ifExists: true})
}

async function createTables(db: BaseDriver): Promise<void> {
  const schema = new SchemaStatements(db)

  await schema.createTable("tr_projects", (t) => { t.string("identifier") })
  await schema.createTable("tr_project_translations", (t) => {
    t.references("tr_project", {null: false, foreignKey: {toTable: "tr_projects"}})
    t.string("locale", {null: false})
    t.string("name")
  })
  await schema.createTable("tr_tasks", (t) => {
    t.references("tr_project", {foreignKey: {toTable: "tr_projects"}})
    t.string("identifier")
    t.timestamps()
  })
  await schema.createTable("tr_task_translations", (t) => {
    t.references("tr_task", {null: false, foreignKey: {toTable: "tr_tasks"}})
    t.string("locale", {null: false})
    t.string("name")
    t.text("description")
    t.timestamps()
  })
  await schema.addIndex("tr_task_translations", ["tr_task_id", "locale"], {unique: true})
  await schema.createTable("tr_notes", (t) => { t.string("identifier") })
  await schema.createTable("tr_note_translations", (t) => {
    t.references("tr_note", {null: false})
    t.string("locale", {null: false})
    t.text("body")
  })
  await schema.createTable("tr_brokens", (t) => { t.string("identifier") })
  await schema.createTable("tr_missings", (t) => { t.string("identifier") })
  await schema.createTable("tr_broken_translations", (t) => {
    t.references("tr_broken", {null: false})
    t.string("locale", {null: false})
  })
}

/** The statements run while `callback` runs. */
async function capturingSelects(db: BaseDriver, callback: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = []

  await watchStatements(db, (sql) => statements.push(sql), callback)

  return statements
}

for (const {dialect, config, skip} of testDatabases) {
  describe(`Record.translates - ${dialect}`, {skip}, () => {
    let configuration: Configuration
    let db: BaseDriver
    let locale = "en"

    beforeAll(async () => {
      configuration = new Configuration({
        environment: "test",
        database: {test: {default: config}},
        locale: () => locale,
        locales: ["en", "de"],
        localeFallbacks: {de: ["de", "en"], en: ["en"]}
      })
      await configuration.ensureGlobalConnections()
      db = configuration.getDatabasePool().getCurrentConnection()
      await dropTables(db)
      await createTables(db)

      for (const model of [TrProject, TrTask, TrNote, TrNoteTranslation]) await model.initializeRecord({configuration})
    })

    afterAll(async () => {
      await dropTables(db)
      await configuration.closeDatabaseConnections()
    })

    beforeEach(async () => {
      locale = "en"
      for (const table of ["tr_task_translations", "tr_project_translations", "tr_note_translations", "tr_tasks", "tr_projects", "tr_notes"]) await db.execute(`DELETE FROM ${table}`)
    })

    async function translationRows(): Promise<{locale: string, name: string | null, description: string | null}[]> {
      return await db.query("SELECT locale, name, description FROM tr_task_translations ORDER BY locale")
    }

    it("saves the translations with the record, one row per locale", async () => {
      const task = new TrTask({identifier: "t1"})

      task.setName("Name")
      task.setNameDe("Name auf Deutsch")
      task.setDescriptionDe("Beschreibung")
      await task.save()

      expect(await translationRows()).toEqual([
        {locale: "de", name: "Name auf Deutsch", description: "Beschreibung"},
        {locale: "en", name: "Name", description: null}
      ])
      expect(task.name()).toBe("Name")
      expect(task.nameDe()).toBe("Name auf Deutsch")
    })

    it("answers in the current locale and falls back per localeFallbacks", async () => {
      const task = await TrTask.create({identifier: "t1", nameEn: "English", nameDe: "Deutsch", description: "Only English"})

      expect(task.name()).toBe("English")
      locale = "de"
      expect(task.name()).toBe("Deutsch")
      expect(task.description()).toBe("Only English")
      expect(task.readAttribute("descriptionDe")).toBeNull()

      // setName() writes in the current locale.
      task.setName("Neu")
      await task.save()
      locale = "en"
      expect(task.name()).toBe("English")
      expect(task.nameDe()).toBe("Neu")
    })

    it("answers in the per-request locale (withLocale) with the same fallbacks as _()", async () => {
      const task = await TrTask.create({identifier: "t1", nameEn: "English", nameDe: "Deutsch", description: "Only English"})

      await withLocale("de", async () => {
        await Promise.resolve()
        expect(task.name()).toBe("Deutsch")
        expect(task.description()).toBe("Only English")
        expect(translate(configuration, "Untranslated")).toBe("Untranslated")
        expect((await TrTask.where({name: "Deutsch"}).toArray()).length).toBe(1)
      })
      expect(task.name()).toBe("English")
    })

    it("updates an existing translation instead of adding a row", async () => {
      const created = await TrTask.create({identifier: "t1", nameEn: "First"})
      const task = await TrTask.preload({translations: true}).findByOrFail({identifier: "t1"})

      task.setNameEn("Second")
      await task.save()

      expect(await translationRows()).toEqual([{locale: "en", name: "Second", description: null}])

      // Without preloading, the save loads the rows it needs first.
      const unloaded = await TrTask.find(created.id())

      unloaded.setNameEn("Third")
      unloaded.setNameDe("Dritte")
      await unloaded.save()

      expect(await translationRows()).toEqual([
        {locale: "de", name: "Dritte", description: null},
        {locale: "en", name: "Third", description: null}
      ])
    })

    it("says how to load the translations when they are not loaded", async () => {
      const created = await TrTask.create({identifier: "t1", nameEn: "First"})
      const task = await TrTask.find(created.id())
      let failure: unknown

      try {
        task.name()
      } catch (error) {
        failure = error
      }

      expect(failure).toBeInstanceOf(RelationshipNotLoadedError)
      expect((failure as Error).message).toContain("TrTask.preload({translations: true})")

      await (task as unknown as {loadTranslations(): Promise<unknown>}).loadTranslations()
      expect(task.name()).toBe("First")
    })

    it("preloads translations with one query, also nested", async () => {
      const project = await TrProject.create({identifier: "p1", nameEn: "Alpha", nameDe: "Alfa"})

      for (const index of [1, 2, 3]) await TrTask.create({identifier: `t${index}`, trProjectId: project.id(), nameEn: `Task ${index}`})

      let tasks: TrTask[] = []
      const selects = await capturingSelects(db, async () => { tasks = await TrTask.preload({translations: true}).order("identifier").toArray() })

      expect(selects).toHaveLength(2)
      expect(tasks.map((task) => task.name())).toEqual(["Task 1", "Task 2", "Task 3"])

      const nestedSelects = await capturingSelects(db, async () => { tasks = await TrTask.preload({trProject: {translations: true}}).toArray() })

      expect(nestedSelects).toHaveLength(3)
      expect(tasks.map((task) => task.trProject().name())).toEqual(["Alpha", "Alpha", "Alpha"])
      locale = "de"
      expect(tasks[0].trProject().name()).toBe("Alfa")
    })

    it("filters on translated attributes per locale, also through a relationship", async () => {
      const alpha = await TrProject.create({identifier: "alpha", nameEn: "Alpha", nameDe: "Alfa"})
      const beta = await TrProject.create({identifier: "beta", nameEn: "Beta"})

      await TrTask.create({identifier: "a1", trProjectId: alpha.id(), nameEn: "Same"})
      await TrTask.create({identifier: "b1", trProjectId: beta.id(), nameEn: "Same"})

      const identifiers = async (query: {pluck(...columns: string[]): Promise<unknown[]>}) => await query.pluck("identifier")

      expect(await identifiers(TrTask.where({trProject: {nameEn: "Alpha"}}))).toEqual(["a1"])
      expect(await identifiers(TrTask.where({id: (await TrTask.findByOrFail({identifier: "a1"})).id(), trProject: {nameEn: "Alpha"}}))).toEqual(["a1"])
      expect(await identifiers(TrProject.where({nameDe: "Alfa", nameEn: "Alpha"}))).toEqual(["alpha"])
      expect(await identifiers(TrProject.where({nameDe: "Alpha"}))).toEqual([])
      expect(await identifiers(TrProject.where({nameEn: ["Alpha", "Beta"]}).order("identifier"))).toEqual(["alpha", "beta"])
      locale = "de"
      // The bare name filters in the current locale.
      expect(await identifiers(TrProject.where({name: "Alfa"}))).toEqual(["alpha"])
      expect(await TrTask.where({trProject: {name: "Alfa"}}).count()).toBe(1)
    })

    it("destroys the translations with the record", async () => {
      const task = await TrTask.create({identifier: "t1", nameEn: "Gone", nameDe: "Weg"})

      await task.destroy()

      expect(await translationRows()).toEqual([])
    })

    it("uses the app's own translation model when it defines one", async () => {
      const note = await TrNote.create({identifier: "n1", body: "hello"})
      const loaded = await TrNote.preload({translations: true}).findByOrFail({identifier: "n1"})
      const translations = (loaded as unknown as {translations(): {loaded(): Record[]}}).translations().loaded()

      expect(note.body()).toBe("hello")
      expect(translations[0]).toBeInstanceOf(TrNoteTranslation)
      expect((translations[0] as TrNoteTranslation).shout()).toBe("HELLO")
    })

    it("names missing translation columns when the model initializes", async () => {
      const failure = await TrBroken.initializeRecord({configuration}).catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(TranslationSetupError)
      expect((failure as Error).message).toContain("needs the columns title on tr_broken_translations")
    })

    it("names a missing translation table when the model initializes", async () => {
      const failure = await TrMissing.initializeRecord({configuration}).catch((error: unknown) => error)

      expect(failure).toBeInstanceOf(TranslationSetupError)
      expect((failure as Error).message).toContain("TrMissing.translates() stores translations in tr_missing_translations, which does not exist")
    })
  })
}
