import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../support/test-databases.js"
import {Project, Task} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"

for (const database of testDatabases) {
  describe(`record transactions - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("commits and returns the callback's value", async () => {
      const result = await Task.transaction(async () => {
        await Task.create({name: "One"})
        await Task.create({name: "Two"})

        return "done"
      })

      expect(result).toBe("done")
      expect(await Task.count()).toBe(2)
    })

    it("rolls everything back when the callback throws", async () => {
      await Task.create({name: "Before"})

      await expect(Task.transaction(async () => {
        const project = await Project.create({name: "Inside"})

        await Task.create({name: "Inside", projectId: project.id()})
        await (await Task.findByOrFail({name: "Before"})).update({state: "changed"})
        throw new Error("undo")
      })).rejects.toThrow("undo")

      expect(await Task.pluck("name")).toEqual(["Before"])
      expect((await Task.findByOrFail({name: "Before"})).state()).toBeNull()
      expect(await Project.count()).toBe(0)
    })

    it("rolls back a failed nested transaction only", async () => {
      await Task.transaction(async () => {
        await Task.create({name: "Outer"})
        await expect(Task.transaction(async () => {
          await Task.create({name: "Nested"})
          throw new Error("nested")
        })).rejects.toThrow("nested")
      })

      expect(await Task.pluck("name")).toEqual(["Outer"])
    })

    it("rolls back when validation fails inside the transaction", async () => {
      await expect(Task.transaction(async () => {
        await Task.create({name: "Valid"})
        await Task.create({name: ""})
      })).rejects.toThrow("Name can't be blank")

      expect(await Task.count()).toBe(0)
    })
  })
}
