import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {UnknownAttributeError} from "velocious/build/src/database/record/errors.js"
import {testDatabases} from "../support/test-databases.js"
import {Project, Task} from "./support/models.js"
import {recordTables, useRecordModels, type RecordSuite} from "./support/schema.js"

const hostileValues = [
  "'); DROP TABLE tasks; --",
  "\"; DELETE FROM tasks; --",
  "\\'); DROP TABLE projects; --",
  "Robert'); UPDATE tasks SET name = 'pwned' WHERE ('1' = '1",
  "?, ?) --",
  "$1 `x` [y] %s ${z}",
  "ünïcødé ✓ 名前"
]

const hostileKeys = [
  "name = name OR 1=1 --",
  "id) OR (1=1",
  "tasks.name",
  "name; DROP TABLE tasks",
  "\"name\"",
  "`name`"
]

async function tablesSurvive(suite: RecordSuite): Promise<void> {
  for (const table of recordTables) expect(await suite.db().getIntrospector().tableExists(table)).toBe(true)
}

for (const database of testDatabases) {
  describe(`record bad input - ${database.dialect}`, {skip: database.skip}, () => {
    const suite = useRecordModels(database)

    it("names the model and the column for an unknown where key", () => {
      expect(() => Task.where({noSuchColumn: 1})).toThrow(UnknownAttributeError)
      expect(() => Task.where({noSuchColumn: 1})).toThrow(/Task has no column 'noSuchColumn'/)
    })

    it("names the related model for an unknown key inside a relationship or table hash", () => {
      expect(() => Task.where({project: {noSuchColumn: 1}})).toThrow(/Project has no column 'noSuchColumn'/)
      expect(() => Task.joins({project: true}).where({projects: {noSuchColumn: 1}})).toThrow(/Project has no column 'noSuchColumn'/)
      expect(() => Task.where({noSuchTable: {name: "x"}})).toThrow(/Task has no attribute, relationship or table named 'noSuchTable'/)
    })

    it("stores hostile strings verbatim and keeps the tables", async () => {
      for (const value of hostileValues) {
        const task = await Task.create({name: value, description: value})

        expect((await Task.find(task.id())).name()).toBe(value)
        expect((await Task.findBy({name: value}))?.id()).toBe(task.id())
        expect(await Task.where("tasks.description = ?", value).count()).toBe(1)

        await task.update({state: value})
        expect((await Task.find(task.id())).state()).toBe(value)
      }

      expect(await Task.count()).toBe(hostileValues.length)
      expect(await Task.where({name: "pwned"}).count()).toBe(0)
      expect((await Task.order("id").pluck("name"))).toEqual(hostileValues)
      await tablesSurvive(suite)
    })

    it("uses hostile strings safely in relationship hashes, IN lists and joins", async () => {
      const project = await Project.create({name: hostileValues[0]})

      await project.tasks().create({name: hostileValues[1]})

      expect(await Task.where({project: {name: hostileValues[0]}}).pluck("name")).toEqual([hostileValues[1]])
      expect(await Task.where({name: hostileValues}).count()).toBe(1)
      expect(await Task.joins({project: true}).where({projects: {name: hostileValues[0]}}).count()).toBe(1)
      await tablesSurvive(suite)
    })

    it("rejects hostile keys in where hashes as unknown columns", async () => {
      await Task.create({name: "Only"})

      for (const key of hostileKeys) {
        expect(() => Task.where({[key]: "x"})).toThrow(UnknownAttributeError)
        expect(() => Task.where({project: {[key]: "x"}})).toThrow(UnknownAttributeError)
        expect(() => Task.joins({project: true}).where({projects: {[key]: "x"}})).toThrow(UnknownAttributeError)
        await expect(Task.findBy({[key]: "x"})).rejects.toThrow(UnknownAttributeError)
      }

      await tablesSurvive(suite)
      expect(await Task.count()).toBe(1)
    })

    it("rejects hostile keys and directions in an order hash", () => {
      expect(() => Task.order({"name; DROP TABLE tasks": "asc"})).toThrow(/Task has no column/)
      expect(() => Task.order({name: "asc; DROP TABLE tasks" as "asc"})).toThrow(/use "asc" or "desc"/)
    })

    it("rejects hostile attribute names when building records", () => {
      expect(() => new Task({"name) VALUES ('x'); --": "x"})).toThrow(UnknownAttributeError)
      expect(() => new Task().writeAttribute("name; --", "x")).toThrow(UnknownAttributeError)
    })

    it("binds an object value as a value, never as SQL", async () => {
      await Task.create({name: "Secret"})

      // mysql-style `?` formatting would expand an object into `name` = 1; it must only ever be compared as a value.
      expect(await Task.where({name: {name: 1} as unknown as string}).count()).toBe(0)
      await tablesSurvive(suite)
    })

    it("rejects a non-numeric limit, offset, page or perPage", () => {
      expect(() => Task.limit(-1)).toThrow("limit(-1)")
      expect(() => Task.limit(1.5)).toThrow("limit(1.5)")
      expect(() => Task.offset(Number.NaN)).toThrow("offset(NaN)")
      expect(() => Task.limit("1; DROP TABLE tasks" as unknown as number)).toThrow(/limit/)
      expect(() => Task.perPage(0)).toThrow("perPage(0)")
      // LIMIT is written into the SQL as digits (see Query#toSql), so only safe integers pass.
      expect(() => Task.limit(2 ** 60)).toThrow(`limit(${2 ** 60})`)
      expect(() => Task.limit(Number.POSITIVE_INFINITY)).toThrow("limit(Infinity)")
      expect(() => Task.perPage(2 ** 60)).toThrow(`perPage(${2 ** 60})`)
    })
  })
}
