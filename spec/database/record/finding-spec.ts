import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {RecordNotFoundError} from "velocious/build/src/database/record/errors.js"
import {testDatabases} from "../support/test-databases.js"
import {Task} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"

for (const database of testDatabases) {
  describe(`record finding - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("finds a record by id", async () => {
      const task = await Task.create({name: "Found", identifier: "task-1"})
      const found = await Task.find(task.id())

      expect(found).toBeInstanceOf(Task)
      expect(found.id()).toBe(task.id())
      expect(found).toHaveAttributes({name: "Found", identifier: "task-1"})
      expect(found.isPersisted()).toBe(true)
    })

    it("finds by an id given as a string", async () => {
      const task = await Task.create({name: "By string"})

      expect((await Task.find(String(task.id()))).name()).toBe("By string")
    })

    it("throws RecordNotFoundError from find() for a missing id", async () => {
      let error: unknown

      try {
        await Task.find(123)
      } catch (caught) {
        error = caught
      }

      expect(error).toBeInstanceOf(RecordNotFoundError)
      expect((error as Error).message).toBe("Couldn't find Task with 'id'=123")
    })

    it("finds within a query's conditions", async () => {
      const task = await Task.create({name: "Closed", status: "closed"})

      await expect(Task.where({status: "open"}).find(task.id())).rejects.toThrow(RecordNotFoundError)
      expect((await Task.where({status: "closed"}).find(task.id())).name()).toBe("Closed")
    })

    it("returns null from findBy() and a record when one matches", async () => {
      await Task.create({name: "Five", identifier: "task-5"})

      expect(await Task.findBy({identifier: "task-404"})).toBeNull()
      expect((await Task.findBy({identifier: "task-5"}))?.name()).toBe("Five")
    })

    it("throws RecordNotFoundError from findByOrFail() naming the conditions", async () => {
      await expect(Task.findByOrFail({identifier: "task-5"})).rejects.toThrow(RecordNotFoundError)
      await expect(Task.findByOrFail({identifier: "task-5"})).rejects.toThrow("Couldn't find Task with 'identifier'=\"task-5\"")

      await Task.create({name: "Five", identifier: "task-5"})

      expect((await Task.findByOrFail({identifier: "task-5"})).name()).toBe("Five")
    })

    it("findOrInitializeBy builds an unsaved record when none exists (README)", async () => {
      const task = await Task.findOrInitializeBy({identifier: "task-5"})

      expect(task.isNewRecord()).toBe(true)
      expect(task.identifier()).toBe("task-5")
      expect(await Task.count()).toBe(0)

      task.setName("Saved later")
      await task.save()

      expect(task.isPersisted()).toBe(true)
      expect(await Task.count()).toBe(1)
    })

    it("findOrInitializeBy returns the existing record", async () => {
      const existing = await Task.create({name: "Existing", identifier: "task-5"})
      const task = await Task.findOrInitializeBy({identifier: "task-5"})

      expect(task.isPersisted()).toBe(true)
      expect(task.isNewRecord()).toBe(false)
      expect(task.id()).toBe(existing.id())
    })

    it("findOrCreateBy creates and runs the callback only for a new record (README)", async () => {
      const task = await Task.findOrCreateBy({identifier: "task-6"}, (newTask) => {
        newTask.assign({name: "Six", description: "Only runs when new"})
      })

      expect(task.isPersisted()).toBe(true)
      expect(await Task.find(task.id())).toHaveAttributes({identifier: "task-6", description: "Only runs when new"})

      let calls = 0
      const again = await Task.findOrCreateBy({identifier: "task-6"}, (newTask) => {
        calls++
        newTask.assign({description: "Should not happen"})
      })

      expect(calls).toBe(0)
      expect(again.id()).toBe(task.id())
      expect(again.description()).toBe("Only runs when new")
      expect(await Task.count()).toBe(1)
    })

    it("findOrCreateBy waits for an async callback", async () => {
      const task = await Task.findOrCreateBy({identifier: "task-7"}, async (newTask) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        newTask.assign({name: "Seven"})
      })

      expect((await Task.find(task.id())).name()).toBe("Seven")
    })
  })
}
