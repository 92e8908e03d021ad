import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../support/test-databases.js"
import {Project, Task} from "./support/models.js"
import {useRecordModels} from "./support/schema.js"
import {names, seedProjects} from "./support/seed.js"

function sorted(values: (string | null)[]): (string | null)[] {
  return [...values].sort()
}

for (const database of testDatabases) {
  describe(`record querying - ${database.dialect}`, {skip: database.skip}, () => {
    useRecordModels(database)

    it("retrieves all records", async () => {
      await seedProjects()

      const tasks = await Task.all().toArray()

      expect(tasks).toHaveLength(4)
      expect(tasks[0]).toBeInstanceOf(Task)
      expect(sorted(names(tasks))).toEqual(["Task A", "Task B", "Task C", "Task D"])
    })

    it("iterates a query with for await", async () => {
      await seedProjects()

      const seen: (string | null)[] = []

      for await (const task of Task.where({status: "open"}).order("name")) seen.push(task.name())

      expect(seen).toEqual(["Task A", "Task C", "Task D"])
    })

    it("filters with a hash", async () => {
      await seedProjects()

      expect(sorted(names(await Task.where({status: "open"}).toArray()))).toEqual(["Task A", "Task C", "Task D"])
      expect(names(await Task.where({status: "open", state: "accepted"}).toArray())).toEqual(["Task A"])
      expect(names(await Task.where({status: "open"}).where({projectId: null}).toArray())).toEqual(["Task D"])
    })

    it("filters with arrays, nulls and dates", async () => {
      const {taskA, taskC} = await seedProjects()

      expect(sorted(names(await Task.where({id: [taskA.id(), taskC.id()]}).toArray()))).toEqual(["Task A", "Task C"])
      expect(sorted(names(await Task.where({state: ["accepted", null]}).toArray()))).toEqual(["Task A", "Task B", "Task C", "Task D"])
      expect(await Task.where({id: []}).count()).toBe(0)
      expect(names(await Task.where({completedAt: new Date(Date.parse("2024-01-01T00:05:00Z"))}).toArray())).toEqual(["Task C"])
      expect(await Task.where({completed_at: null}).count()).toBe(3)
    })

    it("filters through nested relationships (README)", async () => {
      const {taskA, taskC} = await seedProjects()

      const tasksForActiveProjects = await Task.where({
        project: {projectDetail: {isActive: true}}
      }).toArray()

      expect(sorted(names(tasksForActiveProjects))).toEqual(["Task A", "Task B"])

      const specificTask = await Task.where({
        id: taskA.id(),
        project: {name: "Alpha"}
      }).toArray()

      expect(names(specificTask)).toEqual(["Task A"])
      expect(await Task.where({id: taskC.id(), project: {name: "Alpha"}}).toArray()).toEqual([])
    })

    it("filters with raw SQL, with and without ? values (README)", async () => {
      await seedProjects()

      expect(sorted(names(await Task.where("tasks.completed_at IS NULL").toArray()))).toEqual(["Task A", "Task B", "Task D"])
      expect(sorted(names(await Task.where("tasks.status = ? AND tasks.name <> ?", "open", "Task A").toArray()))).toEqual(["Task C", "Task D"])
      expect(await Task.where("tasks.name = ?", "Task B").where({status: "archived"}).count()).toBe(1)
    })

    it("joins and filters on the joined table by its table name (README)", async () => {
      await seedProjects()

      const tasks = await Task
        .joins({project: true})
        .where({projects: {public: true}})
        .toArray()

      expect(sorted(names(tasks))).toEqual(["Task A", "Task B"])
      expect(tasks[0].attributes()).not.toHaveProperty("public")
    })

    it("names join tables with getTableForJoin (README)", async () => {
      await seedProjects()

      const query = Task.joins({project: {account: true}})
      const accountTable = query.getTableForJoin("project", "account")

      expect(accountTable).toBe("accounts")
      expect(query.getTableForJoin("project")).toBe("projects")
      expect(query.getTableForJoin()).toBe("tasks")
      expect(sorted(names(await query.where({[accountTable]: {name: "Acme"}}).toArray()))).toEqual(["Task A", "Task B"])
      expect(await query.where(`${accountTable}.name = ?`, "Nobody").count()).toBe(0)
      expect(() => Task.all().getTableForJoin("project")).toThrow("Task query has no join for project")
    })

    it("gives a table joined twice its own alias", async () => {
      const {alpha} = await seedProjects()
      const query = Project.joins({tasks: {project: true}})

      expect(query.getTableForJoin("tasks", "project")).toBe("projects_2")
      expect(await query.where({projects_2: {id: alpha.id()}}).distinct().pluck("name")).toEqual(["Alpha"])
    })

    it("selects columns (README)", async () => {
      await seedProjects()

      const tasks = await Task.select(["tasks.id", "tasks.name"]).order("name").toArray()

      expect(Object.keys(tasks[0].attributes()).sort()).toEqual(["id", "name"])
      expect(tasks[0].name()).toBe("Task A")
      expect(tasks[0].status()).toBeNull()
    })

    it("orders by an attribute, a direction or a hash (README)", async () => {
      await seedProjects()

      expect(names(await Task.order("name").toArray())).toEqual(["Task A", "Task B", "Task C", "Task D"])
      expect(names(await Task.order("name DESC").toArray())).toEqual(["Task D", "Task C", "Task B", "Task A"])
      expect(names(await Task.order({name: "desc"}).toArray())).toEqual(["Task D", "Task C", "Task B", "Task A"])
      expect(names(await Task.order("status").order("name DESC").toArray())).toEqual(["Task B", "Task D", "Task C", "Task A"])
    })

    it("reorders and reverses the order (README)", async () => {
      const {taskA, taskB, taskC, taskD} = await seedProjects()

      // created_at runs A..D while names run the other way after this rename.
      await taskA.update({name: "Z"})
      await taskD.update({name: "A"})

      const tasks = await Task.order("name").reorder("created_at").reverseOrder().toArray()

      expect(tasks.map((task) => task.id())).toEqual([taskD.id(), taskC.id(), taskB.id(), taskA.id()])
      expect(names(await Task.order("name").reorder("created_at").toArray())).toEqual(["Z", "Task B", "Task C", "A"])
      expect(names(await Task.order("name").reverseOrder().reverseOrder().toArray())).toEqual(["A", "Task B", "Task C", "Z"])
      expect((await Task.all().reverseOrder().first())?.id()).toBe(taskD.id())
    })

    it("limits and offsets (README)", async () => {
      await seedProjects()

      expect(await Task.limit(10).offset(20).toArray()).toEqual([])
      expect(names(await Task.order("name").limit(2).offset(1).toArray())).toEqual(["Task B", "Task C"])
      expect(names(await Task.order("name").offset(3).toArray())).toEqual(["Task D"])
      expect(names(await Task.order("name").limit(1).toArray())).toEqual(["Task A"])
    })

    it("writes LIMIT as a number on SQLite and binds it elsewhere; OFFSET is always bound", async () => {
      await seedProjects()

      // SQLite plans with a bound LIMIT's value and so compiles the statement again on every
      // run; a literal lets it reuse the prepared statement. The count was checked when the
      // query was built (limit(), perPage()), so only digits reach the SQL. PostgreSQL and
      // MySQL reuse one prepared statement for every limit.
      const literal = database.dialect === "sqlite"
      const limited = Task.order("name").limit(2).offset(1).toSql()
      const paged = Task.page(3).perPage(7).toSql()

      expect(limited.sql).toMatch(literal ? / LIMIT 2 OFFSET \?$/ : / LIMIT \? OFFSET \?$/)
      expect(limited.params).toEqual(literal ? [1] : [2, 1])
      expect(paged.sql).toMatch(literal ? / LIMIT 7 OFFSET \?$/ : / LIMIT \? OFFSET \?$/)
      expect(paged.params).toEqual(literal ? [14] : [7, 14])
      expect(Task.all().toSql({limit: 1}).sql).toMatch(literal ? / LIMIT 1$/ : / LIMIT \?$/)
      expect(names(await Task.order("name").limit(0).toArray())).toEqual([])
      expect(names(await Task.order("name").limit(2).offset(1).toArray())).toEqual(["Task B", "Task C"])
      expect((await Task.order("name").first())?.name()).toBe("Task A")
      expect(await Task.where({name: "Task B"}).exists()).toBe(true)
    })

    it("groups, one row per group on every dialect (README)", async () => {
      await seedProjects()

      const tasks = await Task.group("tasks.project_id").toArray()

      expect(tasks).toHaveLength(3)
      expect(new Set(tasks.map((task) => task.projectId())).size).toBe(3)
      expect(await Task.group("tasks.project_id").count()).toBe(3)

      const counts = await Task.select(["tasks.project_id", "COUNT(*) AS tasks_count"]).group("tasks.project_id").order("tasks.project_id").toArray()

      expect(counts.map((row) => Number(row.attributes().tasks_count)).sort()).toEqual([1, 1, 2])
    })

    it("returns distinct records (README)", async () => {
      await seedProjects()

      expect(sorted(names(await Task.joins({project: true}).distinct().toArray()))).toEqual(["Task A", "Task B", "Task C"])
      expect(await Project.joins({tasks: true}).count()).toBe(3)
      expect(sorted(names(await Project.joins({tasks: true}).distinct().toArray()))).toEqual(["Alpha", "Beta"])
    })

    it("pages (README)", async () => {
      await seedProjects()

      expect(await Task.page(2).perPage(25).toArray()).toEqual([])
      expect(names(await Task.order("name").page(2).perPage(2).toArray())).toEqual(["Task C", "Task D"])
      expect(names(await Task.order("name").perPage(3).toArray())).toEqual(["Task A", "Task B", "Task C"])
      expect(await Task.page(1).count()).toBe(4)
      expect(() => Task.page(0)).toThrow("page(0): pages start at 1")
    })

    it("counts, also distinct (README)", async () => {
      await seedProjects()

      const totalTasks = await Task.count()
      const distinctProjects = await Task.joins({project: true}).distinct().count()

      expect(totalTasks).toBe(4)
      expect(distinctProjects).toBe(3)
      expect(await Project.joins({tasks: true}).distinct().count()).toBe(2)
      expect(await Task.where({status: "open"}).count()).toBe(3)
      expect(await Task.order("name").limit(2).count()).toBe(2)
    })

    it("finds the first and last record (README)", async () => {
      const {taskA, taskD} = await seedProjects()

      const firstTask = await Task.first()
      const lastTask = await Task.last()

      expect(firstTask?.id()).toBe(taskA.id())
      expect(lastTask?.id()).toBe(taskD.id())
      expect((await Task.order("name DESC").first())?.name()).toBe("Task D")
      expect((await Task.order("name DESC").last())?.name()).toBe("Task A")
      expect(await Task.where({status: "missing"}).first()).toBeNull()
      expect(await Task.where({status: "missing"}).last()).toBeNull()
    })

    it("plucks one or several columns (README)", async () => {
      const {taskA, taskB} = await seedProjects()

      const names = await Task.pluck("name")
      const idsAndNames = await Task.order("name").pluck("id", "name")

      expect(sorted(names as string[])).toEqual(["Task A", "Task B", "Task C", "Task D"])
      expect(idsAndNames.slice(0, 2)).toEqual([[taskA.id(), "Task A"], [taskB.id(), "Task B"]])
      expect(await Task.where({status: "archived"}).pluck("createdAt")).toEqual([new Date("2024-01-01T00:01:00Z")])
      expect(await Project.order("name").pluck("public")).toEqual([true, false])
    })

    it("destroys all matching records (README)", async () => {
      await seedProjects()

      const destroyed = await Task.where({tasks: {status: "archived"}}).destroyAll()

      expect(names(destroyed)).toEqual(["Task B"])
      expect(destroyed[0].isDestroyed()).toBe(true)
      expect(sorted(await Task.pluck("name") as string[])).toEqual(["Task A", "Task C", "Task D"])

      await Task.destroyAll()
      expect(await Task.count()).toBe(0)
    })

    it("tells whether records exist", async () => {
      expect(await Task.exists()).toBe(false)

      await seedProjects()

      expect(await Task.exists()).toBe(true)
      expect(await Task.where({status: "open"}).exists()).toBe(true)
      expect(await Task.where({status: "missing"}).exists()).toBe(false)
    })

    it("keeps a query unchanged when refining it", async () => {
      await seedProjects()

      const open = Task.where({status: "open"})
      const openOrdered = open.order("name DESC").limit(1)

      expect(names(await openOrdered.toArray())).toEqual(["Task D"])
      expect(await open.count()).toBe(3)
      expect(await open.where({projectId: null}).count()).toBe(1)
      expect(await open.count()).toBe(3)
    })

    it("keeps a query's joins its own when a refinement joins (where() shares them until it adds one)", async () => {
      await seedProjects()

      const open = Task.where({status: "open"})
      const joined = open.where({project: {public: false}})
      const joinedTwice = joined.joins({project: true}).where({project: {public: false}})

      expect(open.toSql().sql).not.toMatch(/JOIN/)
      expect(await open.count()).toBe(3)
      expect(joined.toSql().sql.match(/JOIN/g)?.length).toBe(1)
      // Joining the same path again adds nothing, and the query it came from keeps one join too.
      expect(joinedTwice.toSql().sql.match(/JOIN/g)?.length).toBe(1)
      expect(joined.toSql().sql.match(/JOIN/g)?.length).toBe(1)
      expect(await joinedTwice.pluck("name")).toEqual(await joined.pluck("name"))
      expect(await open.where({status: "open"}).count()).toBe(3)
      expect(open.toSql().sql).not.toMatch(/JOIN/)
    })

    it("chains a model's query methods from the class", async () => {
      await seedProjects()

      expect(await Task.joins({project: true}).where({project: {public: false}}).pluck("name")).toEqual(["Task C"])
      expect(await Task.preload({project: true}).where({status: "archived"}).toArray().then((tasks) => tasks[0].project()?.name())).toBe("Alpha")
      expect(names(await Task.limit(1).order("name").toArray())).toEqual(["Task A"])
      expect(names(await Task.offset(3).order("name").toArray())).toEqual(["Task D"])
      expect(await Task.perPage(3).count()).toBe(3)
      expect(await Task.distinct().count()).toBe(4)
      expect(await Task.select("tasks.name").order("name").pluck("name")).toEqual(["Task A", "Task B", "Task C", "Task D"])
    })
  })
}
