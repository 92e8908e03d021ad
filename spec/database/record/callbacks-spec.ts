import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../support/test-databases.js"
import {callbackLog, Comment, Project} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"

for (const database of testDatabases) {
  describe(`record callbacks - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("runs the create callbacks in Rails order, afterCommit last", async () => {
      await Comment.create({body: "new"})

      expect(callbackLog).toEqual([
        "beforeValidation:new",
        "beforeSave:new",
        "beforeCreate:new",
        "afterCreate:new",
        "afterSave:new",
        "afterCommit:new"
      ])
    })

    it("runs the update callbacks", async () => {
      const comment = await Comment.create({body: "old"})

      callbackLog.length = 0
      await comment.update({body: "changed"})

      expect(callbackLog).toEqual([
        "beforeValidation:changed",
        "beforeSave:changed",
        "beforeUpdate:changed",
        "afterUpdate:changed",
        "afterSave:changed",
        "afterCommit:changed"
      ])
    })

    it("runs the destroy callbacks", async () => {
      const comment = await Comment.create({body: "doomed"})

      callbackLog.length = 0
      await comment.destroy()

      expect(callbackLog).toEqual(["beforeDestroy:doomed", "afterDestroy:doomed", "afterCommit:doomed"])
    })

    it("runs only beforeValidation for isValid()", async () => {
      expect(await new Comment({body: "checked"}).isValid()).toBe(true)
      expect(callbackLog).toEqual(["beforeValidation:checked"])
    })

    it("saves what a beforeSave callback changed", async () => {
      const project = await Project.create({name: "  Padded  "})

      expect(project.name()).toBe("Padded")
      expect((await Project.find(project.id())).name()).toBe("Padded")
    })

    it("stops the save when a callback throws", async () => {
      await expect(Comment.create({body: "explode"})).rejects.toThrow("beforeCreate refused the comment")

      expect(callbackLog).toEqual(["beforeValidation:explode", "beforeSave:explode", "beforeCreate:explode"])
      expect(await Comment.count()).toBe(0)
    })

    it("holds afterCommit until the outer transaction commits", async () => {
      await Comment.transaction(async () => {
        await Comment.create({body: "outer"})

        await Comment.transaction(async () => {
          await Comment.create({body: "inner"})
        })

        expect(callbackLog.filter((entry) => entry.startsWith("afterCommit"))).toEqual([])
        expect(callbackLog).toContain("afterSave:inner")
      })

      expect(callbackLog.filter((entry) => entry.startsWith("afterCommit"))).toEqual(["afterCommit:outer", "afterCommit:inner"])
    })

    it("never runs afterCommit for a rolled-back transaction", async () => {
      await expect(Comment.transaction(async () => {
        await Comment.create({body: "rolled back"})
        throw new Error("abort")
      })).rejects.toThrow("abort")

      expect(callbackLog).toContain("afterSave:rolled back")
      expect(callbackLog).not.toContain("afterCommit:rolled back")
      expect(await Comment.count()).toBe(0)
    })

    it("drops afterCommit of a rolled-back inner transaction but keeps the outer one's", async () => {
      await Comment.transaction(async () => {
        await Comment.create({body: "kept"})
        await Comment.transaction(async () => {
          await Comment.create({body: "dropped"})
          throw new Error("inner abort")
        }).catch(() => undefined)
      })

      expect(callbackLog.filter((entry) => entry.startsWith("afterCommit"))).toEqual(["afterCommit:kept"])
      expect(await Comment.pluck("body")).toEqual(["kept"])
    })
  })
}
