import {describe, it, expect, beforeAll, afterAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import Record from "velocious/build/src/database/record/index.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import {NotNullConstraintError, UniqueConstraintError} from "velocious/build/src/database/drivers/base/errors.js"
import {parseStoredDate, storedDateToIso} from "velocious/build/src/database/drivers/base/parse-date.js"
import {RelationshipNotLoadedError} from "velocious/build/src/database/record/relationships/relationship-errors.js"
import {connectTestConfiguration, testDatabases} from "../support/test-databases.js"
import {countStatements} from "./support/schema.js"

// Models without callbacks or validations: their saves take the path that makes no promises
// on SQLite, loaded records make their state (errors, snapshots, relationship caches) on
// first use, and JSON.stringify gets their datetimes as text. These specs hold all of that to
// what the general paths do.
class PrLabel extends Record {}
interface PrLabel {
  name(): string | null
  prNotes(): {loaded(): PrNote[]}
}

class PrNote extends Record {}
interface PrNote {
  title(): string | null
  setTitle(value: string | null): this
  body(): string | null
  pinned(): boolean
  setPinned(value: boolean): this
  settings(): {[key: string]: unknown} | null
  publishedAt(): Date | null
  setPublishedAt(value: Date | string | null): this
  createdAt(): Date
  prLabelId(): number | null
  prLabel(): PrLabel | null
}

PrNote.belongsTo("prLabel")
PrLabel.hasMany("prNotes")

const tables = ["pr_notes", "pr_labels"]

async function dropTables(db: BaseDriver): Promise<void> {
  for (const table of tables) await new SchemaStatements(db).dropTable(table, {ifExists: true})
}

/** The JSON the records would give if every attribute were read through attributes(): the reference for the JSON fast path. */
function referenceJson(records: Record[]): string {
  return JSON.stringify(records.map((record) => record.attributes()))
}

describe("stored datetime text to ISO text", () => {
  it("gives what JSON.stringify of the parsed Date gives, or undefined where the general parser is needed", () => {
    const texts = [
      "2024-01-02 03:04:05", "2024-01-02 03:04:05.1", "2024-01-02 03:04:05.12", "2024-01-02 03:04:05.123", "2024-01-02 03:04:05.123456",
      "0999-12-31 23:59:59.999", "2024-02-29 00:00:00", "2023-02-29 00:00:00", "2024-01-02T03:04:05Z", "2024-01-02 03:04:05+02:00",
      "2024-13-01 00:00:00", "2024-01-02 24:00:00", "0050-01-01 00:00:00", "2024-01-02 03:04:05.", "not a date", ""
    ]

    for (const text of texts) {
      const parsed = parseStoredDate(text)

      expect([text, storedDateToIso(text)]).toEqual([text, parsed ? JSON.parse(JSON.stringify(parsed)) : undefined])
    }

    // The same text twice in a row (created_at and updated_at) answers the same.
    expect(storedDateToIso("2024-05-06 07:08:09.010")).toBe("2024-05-06T07:08:09.010Z")
    expect(storedDateToIso("2024-05-06 07:08:09.010")).toBe("2024-05-06T07:08:09.010Z")
  })
})

for (const {dialect, config, skip} of testDatabases) {
  describe(`records of models without callbacks or validations - ${dialect}`, {skip}, () => {
    let configuration: Configuration
    let db: BaseDriver

    beforeAll(async () => {
      ({configuration, db} = await connectTestConfiguration(config))
      await dropTables(db)

      const schema = new SchemaStatements(db)

      await schema.createTable("pr_labels", (t) => {
        t.string("name")
        t.timestamps()
      })
      await schema.createTable("pr_notes", (t) => {
        t.references("pr_label")
        t.string("title", {null: false, index: {unique: true}})
        t.text("body")
        t.boolean("pinned", {default: false})
        t.json("settings")
        t.datetime("published_at")
        t.timestamps()
      })

      for (const model of [PrLabel, PrNote]) await model.initializeRecord({configuration})
    })

    afterAll(async () => {
      await dropTables(db)
      await configuration.closeDatabaseConnections()
    })

    beforeEach(async () => {
      await db.execute("DELETE FROM pr_notes")
      await db.execute("DELETE FROM pr_labels")
    })

    it("creates with one statement and answers like a record read back", async () => {
      let note: PrNote | undefined
      const statements = await countStatements(db, async () => { note = await PrNote.create({title: "First", pinned: true, settings: {color: "red"}}) })
      const created = note as PrNote
      const found = await PrNote.find(created.id())

      expect(statements).toHaveLength(1)
      expect(created.isPersisted()).toBe(true)
      expect(typeof created.id()).toBe("number")
      expect(created.createdAt()).toBeInstanceOf(Date)
      expect(created.changes()).toEqual({})
      expect(created.isChanged()).toBe(false)
      expect(created.attributes()).toEqual(found.attributes())
      expect(found.pinned()).toBe(true)
      expect(found.settings()).toEqual({color: "red"})
    })

    it("gives each new record its own changes and the column defaults", async () => {
      const first = new PrNote({title: "One"})
      const second = new PrNote({title: "Two"})

      expect(first.pinned()).toBe(false)
      expect(first.changes().title).toEqual([null, "One"])

      await first.save()

      expect(first.changes()).toEqual({})
      expect(second.changes().title).toEqual([null, "Two"])
      expect(second.isChanged()).toBe(true)
    })

    it("tracks changes of loaded records from the first write, and updates only those", async () => {
      const created = await PrNote.create({title: "Draft", body: "text"})
      const loaded = await PrNote.find(created.id())

      expect(loaded.changes()).toEqual({})

      loaded.setTitle("Final")

      expect(loaded.changes()).toEqual({title: ["Draft", "Final"]})

      const statements = await countStatements(db, () => loaded.save())

      expect(statements).toHaveLength(1)
      expect(statements[0]).toMatch(/^UPDATE/)
      expect(loaded.changes()).toEqual({})
      expect((await PrNote.find(created.id())).title()).toBe("Final")
      expect(await countStatements(db, () => loaded.save())).toEqual([])
    })

    it("keeps errors empty, and clears errors added by hand, like validating would", async () => {
      const note = new PrNote({title: "Errors"})

      note.errors.add("base", "added by hand")
      await note.save()

      expect(note.errors.isEmpty()).toBe(true)
      expect((await PrNote.find(note.id())).errors.fullMessages()).toEqual([])
    })

    it("rejects a failed save (never throws at the call) with the model and column named", async () => {
      await PrNote.create({title: "Taken"})

      let duplicate: Promise<PrNote> | undefined

      expect(() => { duplicate = PrNote.create({title: "Taken"}) }).not.toThrow()
      await expect(duplicate as Promise<PrNote>).rejects.toThrow(UniqueConstraintError)
      await expect(PrNote.create({title: "Taken"})).rejects.toThrow(/PrNote title/)
      await expect(PrNote.create({body: "no title"})).rejects.toThrow(NotNullConstraintError)
      // MariaDB words a left-out NOT NULL column differently from an explicit NULL.
      await expect(PrNote.create({body: "no title"})).rejects.toThrow(/PrNote title/)
      await expect(PrNote.create({title: null})).rejects.toThrow(/PrNote title/)
      expect(await PrNote.count()).toBe(1)
    })

    it("renders loaded records as JSON exactly as their attributes() would render", async () => {
      const label = await PrLabel.create({name: "Work"})

      await PrNote.create({title: "A", pinned: true, settings: {tags: ["x", "y"], count: 2}, publishedAt: new Date("2024-03-04T05:06:07.089Z"), prLabelId: label.id()})
      await PrNote.create({title: "B", body: "two"})

      const many = await PrNote.order("title").toArray()
      const one = await PrNote.find(many[0].id())
      const preloaded = await PrNote.preload({prLabel: true}).order("title").toArray()

      for (const records of [many, [one], preloaded]) {
        const json = JSON.stringify(records)

        expect(json).toBe(referenceJson(records))
        expect(JSON.parse(json)[0]).toMatchObject({title: "A", pinned: true, settings: {tags: ["x", "y"], count: 2}, published_at: "2024-03-04T05:06:07.089Z"})
      }

      expect(JSON.parse(JSON.stringify(many))[1]).toMatchObject({title: "B", pinned: false, settings: null, published_at: null})
    })

    it("keeps toJSON() answering Dates when called by hand", async () => {
      await PrNote.create({title: "Dated", publishedAt: new Date("2024-03-04T05:06:07.089Z")})

      const note = (await PrNote.all().toArray())[0] as PrNote
      const json = note.toJSON()

      expect(json).toEqual(note.attributes())
      expect(json.published_at).toBeInstanceOf(Date)
      expect(note.toJSON("0").published_at).toBe("2024-03-04T05:06:07.089Z")
      expect(note.toJSON("0").created_at).toBe(note.createdAt().toISOString())
    })

    it("renders changed, new and partly read records as their attributes() would", async () => {
      await PrNote.create({title: "Read"})

      const [note] = await PrNote.all().toArray() as PrNote[]

      // One datetime read (and cast) before rendering, the others still as the database gave them.
      note.createdAt()
      expect(JSON.stringify([note])).toBe(referenceJson([note]))

      note.setPublishedAt("2030-01-02T03:04:05.678Z")
      note.setPinned(true)
      expect(JSON.stringify({note})).toBe(JSON.stringify({note: note.attributes()}))

      const fresh = new PrNote({title: "New", publishedAt: new Date(Number.NaN)})

      expect(JSON.stringify(fresh)).toBe(JSON.stringify(fresh.attributes()))
      expect(JSON.parse(JSON.stringify(fresh)).published_at).toBeNull()
    })

    if (dialect === "sqlite") {
      it("renders datetime text the database holds in other forms as its Date would be rendered", async () => {
        await PrNote.create({title: "Other forms"})

        for (const text of ["2024-01-02T03:04:05Z", "2024-01-02 03:04:05", "2024-01-02 03:04:05.5", "not a date"]) {
          await db.execute("UPDATE pr_notes SET published_at = ?", [text])

          const notes = await PrNote.all().toArray()

          expect(JSON.stringify(notes)).toBe(referenceJson(notes))
        }
      })
    }

    it("attaches preloaded relationships to each record, and reload() forgets them", async () => {
      const work = await PrLabel.create({name: "Work"})
      const home = await PrLabel.create({name: "Home"})
      const empty = await PrLabel.create({name: "Empty"})

      await PrNote.create({title: "W1", prLabelId: work.id()})
      await PrNote.create({title: "W2", prLabelId: work.id()})
      await PrNote.create({title: "H1", prLabelId: home.id()})
      await PrNote.create({title: "None"})

      const notes = await PrNote.preload({prLabel: true}).order("title").toArray()

      expect(notes.map((note) => [note.title(), note.prLabel()?.name() ?? null])).toEqual([["H1", "Home"], ["None", null], ["W1", "Work"], ["W2", "Work"]])
      expect(notes[2].prLabel()).toBe(notes[3].prLabel())

      const labels = await PrLabel.preload({prNotes: true}).order("name").toArray()

      expect(labels.map((label) => [label.name(), label.prNotes().loaded().map((note) => note.title()).sort()])).toEqual([["Empty", []], ["Home", ["H1"]], ["Work", ["W1", "W2"]]])
      expect(labels.find((label) => label.id() === empty.id())?.prNotes().loaded()).toEqual([])

      await notes[0].reload()

      expect(() => notes[0].prLabel()).toThrow(RelationshipNotLoadedError)
      expect(notes[1].prLabel()).toBeNull()
    })

    it("builds queries that share nothing they did not change", async () => {
      const base = PrNote.where({pinned: true})
      const narrowed = base.where({title: "A"})
      const ordered = base.order("title")
      const joined = base.joins({prLabel: true})
      const limited = base.limit(5)

      expect(base.toSql().params).toHaveLength(1)
      expect(narrowed.toSql().params).toHaveLength(2)
      expect(ordered.toSql().sql).toMatch(/ORDER BY/)
      expect(base.toSql().sql).not.toMatch(/ORDER BY|JOIN|LIMIT/)
      expect(joined.toSql().sql).toMatch(/JOIN/)
      expect(narrowed.toSql().sql).not.toMatch(/JOIN/)
      expect(limited.toSql().sql).toMatch(/LIMIT/)
      expect(PrNote.all().toSql().sql).not.toMatch(/WHERE/)
      expect(PrNote.preload({prLabel: true}).toSql().sql).toBe(PrNote.all().toSql().sql)

      await PrNote.create({title: "A", pinned: true})
      await PrNote.create({title: "B", pinned: true})
      await PrNote.create({title: "C"})

      expect((await narrowed.toArray()).map((note) => note.title())).toEqual(["A"])
      expect((await ordered.toArray()).map((note) => note.title())).toEqual(["A", "B"])
      expect(await base.count()).toBe(2)
      expect(await PrNote.count()).toBe(3)
    })

    it("casts a found row and loaded rows alike", async () => {
      await PrNote.create({title: "Pinned", pinned: true, settings: {a: 1}})
      await PrNote.create({title: "Plain"})

      const loaded = await PrNote.order("title").toArray()
      const found = await Promise.all(loaded.map((note) => PrNote.find(note.id())))

      expect(found.map((note) => [note.pinned(), note.settings(), note.prLabelId()])).toEqual([[true, {a: 1}, null], [false, null, null]])
      expect(found.map((note) => note.attributes())).toEqual(loaded.map((note) => note.attributes()))
    })
  })
}
