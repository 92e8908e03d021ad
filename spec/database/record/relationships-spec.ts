import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {RelationshipNotLoadedError} from "velocious/build/src/database/record/relationships/relationship-errors.js"
import {UnknownRelationshipError} from "velocious/build/src/database/record/relationships/relationship.js"
import {testDatabases} from "../support/test-databases.js"
import {Account, callbackLog, Comment, Project, ProjectDetail, scopeReceivers, Task} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"

for (const database of testDatabases) {
  describe(`record relationships - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("loads a belongsTo after init (README)", async () => {
      const project = await Project.create({name: "Alpha"})
      const created = await Task.create({name: "Task", projectId: project.id()})
      const task = await Task.find(created.id())

      expect(() => task.project()).toThrow(RelationshipNotLoadedError)

      await task.loadProject()

      expect(task.project()).toBeInstanceOf(Project)
      expect(task.project()?.name()).toBe("Alpha")
    })

    it("loads null for an empty belongsTo", async () => {
      const task = await Task.create({name: "Orphan"})

      expect(await task.loadProject()).toBeNull()
      expect(task.project()).toBeNull()
    })

    it("sets and creates a belongsTo", async () => {
      const project = await Project.create({name: "Alpha"})
      const task = new Task({name: "Assigned"})

      task.setProject(project)
      expect(task.projectId()).toBe(project.id())
      expect(task.project()).toBe(project)

      const other = new Task({name: "Created through"})
      const created = await other.createProject({name: "Beta"})

      expect(created.isPersisted()).toBe(true)
      expect(other.projectId()).toBe(created.id())
      await other.save()
      expect((await Task.find(other.id())).projectId()).toBe(created.id())
    })

    it("assigns a belongsTo through new() and assign()", async () => {
      const project = await Project.create({name: "Alpha"})
      const task = await Task.create({name: "Via assign", project})

      expect(task.projectId()).toBe(project.id())
    })

    it("loads a hasMany after init (README)", async () => {
      const created = await Project.create({name: "Alpha"})

      await created.tasks().create({name: "Task 1"})
      await created.tasks().create({name: "Task 2"})

      const project = await Project.find(created.id())

      expect(() => project.tasks().loaded()).toThrow(RelationshipNotLoadedError)
      expect(project.tasks().isLoaded()).toBe(false)

      await project.loadTasks()

      const tasks = project.tasks().loaded()

      expect(tasks.map((task) => task.name()).sort()).toEqual(["Task 1", "Task 2"])
      expect(project.tasks().isLoaded()).toBe(true)
    })

    it("queries a hasMany without loading it", async () => {
      const project = await Project.create({name: "Alpha"})
      const other = await Project.create({name: "Beta"})

      await project.tasks().create({name: "Open", status: "open"})
      await project.tasks().create({name: "Closed", status: "closed"})
      await other.tasks().create({name: "Elsewhere", status: "open"})

      expect(await project.tasks().count()).toBe(2)
      expect((await project.tasks().toArray()).map((task) => task.name()).sort()).toEqual(["Closed", "Open"])
      expect((await project.tasks().where({status: "open"}).toArray()).map((task) => (task as Task).name())).toEqual(["Open"])
      expect(await project.tasks().query().order("name").pluck("name")).toEqual(["Closed", "Open"])
    })

    it("builds through a hasMany without saving, and creates with the foreign key", async () => {
      const project = await Project.create({name: "Alpha"})

      await project.loadTasks()

      const built = project.tasks().build({name: "Built"})

      expect(built.isNewRecord()).toBe(true)
      expect(built.projectId()).toBe(project.id())
      expect(project.tasks().loaded()).toContain(built)
      expect(await Task.count()).toBe(0)

      const created = await project.tasks().create({name: "Created"})

      expect(created.isPersisted()).toBe(true)
      expect((await Task.find(created.id())).projectId()).toBe(project.id())
    })

    it("loads, builds and creates a hasOne", async () => {
      const project = await Project.create({name: "Alpha"})

      expect(await project.loadProjectDetail()).toBeNull()

      const built = project.buildProjectDetail({isActive: false})

      expect(built.isNewRecord()).toBe(true)
      expect(built.projectId()).toBe(project.id())
      expect(project.projectDetail()).toBe(built)

      const created = await project.createProjectDetail({isActive: true})
      const reloaded = await Project.find(project.id())

      await reloaded.loadProjectDetail()
      expect(reloaded.projectDetail()?.id()).toBe(created.id())
      expect(reloaded.projectDetail()?.isActive()).toBe(true)
    })

    it("uses className, foreignKey and primaryKey", async () => {
      const account = await Account.create({name: "Coded", code: "acme"})
      const project = await Project.create({name: "By code", accountCode: "acme"})

      await Project.create({name: "Other code", accountCode: "other"})

      await account.loadProjects()
      expect(account.projects().loaded()).toEqual([])
      expect((await account.codedProjects().toArray()).map((each) => each.name())).toEqual(["By code"])

      await project.loadCodedAccount()
      expect(project.codedAccount()?.id()).toBe(account.id())

      const preloaded = await Project.preload({codedAccount: true}).order("name").toArray()

      expect(preloaded.map((each) => each.codedAccount()?.code() ?? null)).toEqual(["acme", null])
    })

    it("destroys dependents with dependent: \"destroy\", running their callbacks", async () => {
      const account = await Account.create({name: "Owner"})
      const project = await Project.create({name: "Alpha", accountId: account.id()})
      const keptProject = await Project.create({name: "Kept"})
      const task = await project.tasks().create({name: "Task"})

      await project.createProjectDetail({isActive: true})
      await Comment.create({body: "on the task", taskId: task.id()})
      await Comment.create({body: "unrelated"})
      await keptProject.tasks().create({name: "Kept task"})
      callbackLog.length = 0

      await account.destroy()

      expect(await Account.count()).toBe(0)
      expect(await Project.pluck("name")).toEqual(["Kept"])
      expect(await Task.pluck("name")).toEqual(["Kept task"])
      expect(await ProjectDetail.count()).toBe(0)
      expect(await Comment.pluck("body")).toEqual(["unrelated"])
      expect(callbackLog).toContain("beforeDestroy:on the task")
    })

    it("applies a hasMany scope that takes the query as argument (README)", async () => {
      const project = await Project.create({name: "Alpha"})

      await project.tasks().create({name: "Accepted", state: "accepted"})
      await project.tasks().create({name: "Rejected", state: "rejected"})

      expect((await project.acceptedTasks().toArray()).map((task) => task.name())).toEqual(["Accepted"])
      expect(await project.acceptedTasks().count()).toBe(1)

      await project.loadAcceptedTasks()
      expect(project.acceptedTasks().loaded().map((task) => task.name())).toEqual(["Accepted"])
    })

    it("binds the scope's query as this and passes it as argument", async () => {
      const project = await Project.create({name: "Alpha"})

      await project.tasks().create({name: "Open", status: "open"})
      await project.tasks().create({name: "Closed", status: "closed"})

      scopeReceivers.length = 0

      expect((await project.scopeProbeTasks().toArray()).map((task) => task.name())).toEqual(["Open"])
      expect(scopeReceivers).toEqual([true])
    })

    it("applies a hasOne scope written with this (README)", async () => {
      const project = await Project.create({name: "Alpha"})

      await ProjectDetail.create({projectId: project.id(), isActive: false})
      expect(await project.loadActiveDetail()).toBeNull()

      const active = await ProjectDetail.create({projectId: project.id(), isActive: true})

      expect((await project.loadActiveDetail())?.id()).toBe(active.id())
      expect(project.activeDetail()?.isActive()).toBe(true)
    })

    it("applies a belongsTo scope (README)", async () => {
      const accepted = await Task.create({name: "Accepted", state: "accepted"})
      const rejected = await Task.create({name: "Rejected", state: "rejected"})
      const good = await Comment.create({body: "good", acceptedTaskId: accepted.id()})
      const bad = await Comment.create({body: "bad", acceptedTaskId: rejected.id()})

      expect((await good.loadAcceptedTask())?.name()).toBe("Accepted")
      expect(await bad.loadAcceptedTask()).toBeNull()

      const comments = await Comment.preload({acceptedTask: true}).order("body").toArray()

      expect(comments.map((comment) => comment.acceptedTask()?.name() ?? null)).toEqual([null, "Accepted"])
    })

    it("uses getTableForJoin() inside a scope, relative to the scope (README)", async () => {
      const project = await Project.create({name: "Alpha"})

      await project.tasks().create({name: "Accepted", state: "accepted"})
      await project.tasks().create({name: "Open", state: "open"})

      expect((await project.acceptedTasksByTable().toArray()).map((task) => task.name())).toEqual(["Accepted"])

      // Joined from tasks, the scoped tasks get an alias; the scope's getTableForJoin() names it.
      const query = Task.joins({project: {acceptedTasksByTable: true}})

      expect(query.getTableForJoin("project", "acceptedTasksByTable")).toBe("tasks_2")
      expect((await query.order("name").pluck("name"))).toEqual(["Accepted", "Open"])

      const withoutAccepted = await Project.create({name: "Beta"})

      await withoutAccepted.tasks().create({name: "Beta open", state: "open"})
      expect(await Project.joins({acceptedTasksByTable: true}).pluck("name")).toEqual(["Alpha"])
    })

    it("filters joins through a scoped relationship", async () => {
      const alpha = await Project.create({name: "Alpha"})
      const beta = await Project.create({name: "Beta"})

      await alpha.tasks().create({name: "A1", state: "accepted"})
      await alpha.tasks().create({name: "A2", state: "accepted"})
      await beta.tasks().create({name: "B1", state: "open"})

      expect(await Project.joins({acceptedTasks: true}).distinct().pluck("name")).toEqual(["Alpha"])
      expect(await Project.joins({activeDetail: true}).count()).toBe(0)
    })

    it("preloads nested relationships with one query per level (README)", async () => {
      const account = await Account.create({name: "Acme"})
      const project = await Project.create({name: "Alpha", accountId: account.id()})

      await project.tasks().create({name: "Task 1"})
      await project.tasks().create({name: "Task 2"})
      await Task.create({name: "No project"})

      const tasks = await Task.preload({project: {account: true}}).order("name").toArray()
      const accountNames = tasks.map((task) => task.project()?.account()?.name() ?? null)

      expect(accountNames).toEqual([null, "Acme", "Acme"])
      expect(tasks[1].project()).toBe(tasks[2].project())
    })

    it("preloads hasMany and hasOne", async () => {
      const alpha = await Project.create({name: "Alpha"})
      const beta = await Project.create({name: "Beta"})

      await alpha.tasks().create({name: "A1", state: "accepted"})
      await alpha.tasks().create({name: "A2"})
      await alpha.createProjectDetail({isActive: true})

      const projects = await Project.preload({tasks: true, acceptedTasks: true, projectDetail: true, activeDetail: true}).order("name").toArray()

      expect(projects.map((project) => project.tasks().loaded().length)).toEqual([2, 0])
      expect(projects.map((project) => project.acceptedTasks().loaded().map((task) => task.name()))).toEqual([["A1"], []])
      expect(projects.map((project) => project.projectDetail()?.isActive() ?? null)).toEqual([true, null])
      expect(projects[1].id()).toBe(beta.id())
      expect(projects[1].activeDetail()).toBeNull()
    })

    it("preloads by ids close together and far apart alike (the preloader's two key indexes)", async () => {
      const near = await Project.create({name: "Near"})
      // Far past the others: the owners' keys then span more than a few slots each.
      const far = await Project.create({id: Number(near.id()) + 5_000_000, name: "Far"})

      await near.tasks().create({name: "N1"})
      await near.tasks().create({name: "N2"})
      await far.tasks().create({name: "F1"})
      await Task.create({name: "None"})

      const nearOnly = await Task.preload({project: true}).where({projectId: near.id()}).order("name").toArray()
      const tasks = await Task.preload({project: true}).order("name").toArray()
      const projects = await Project.preload({tasks: true}).order("name").toArray()

      expect(nearOnly.map((task) => task.project()?.name())).toEqual(["Near", "Near"])
      expect(tasks.map((task) => task.project()?.name() ?? null)).toEqual(["Far", "Near", "Near", null])
      expect(projects.map((project) => project.tasks().loaded().map((task) => task.name()).sort())).toEqual([["F1"], ["N1", "N2"]])
    })

    it("names the model and the relationship for an unknown one", async () => {
      expect(() => Task.preload({nope: true})).not.toThrow()
      await expect(Task.create({name: "x"}).then(() => Task.preload({nope: true}).toArray())).rejects.toThrow(UnknownRelationshipError)
      expect(() => Task.joins({nope: true})).toThrow("Task has no relationship 'nope'")
    })
  })
}

