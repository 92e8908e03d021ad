import {configureFrontendModels, FrontendModelError} from "velocious/build/src/frontend-models/base-frontend-model.js"
import WebsocketClient from "velocious/build/src/http-client/websocket-client.js"
import {afterAll, beforeAll, beforeEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../database/support/test-databases.js"
import {request} from "../http/support/http-request.js"
import {seedFrontendData, type Seeded} from "./support/frontend-app.js"
import {startFrontendServer, type FrontendServer} from "./support/server.js"

/** The rejection a command gave, for its errorType and status. */
async function failure(promise: Promise<unknown>): Promise<FrontendModelError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof FrontendModelError) return error
    throw error
  }

  throw new Error("Expected the command to fail, and it succeeded")
}

const names = (records: {name(): string}[]) => records.map((record) => record.name()).sort()

for (const {dialect, config, skip} of testDatabases) {
  describe(`frontend models - ${dialect}`, {skip}, () => {
    let started: FrontendServer
    let User: any
    let Project: any
    let Task: any
    let seeded: Seeded
    let currentUserId: number | undefined

    const row = async (table: string, id: number) => (await started.db.query<{[column: string]: unknown}>(`SELECT * FROM ${started.db.quoteIdentifier(table)} WHERE id = ?`, [id]))[0]
    const as = (userId: number | undefined) => { currentUserId = userId }
    const headers = () => (currentUserId === undefined ? {} : {"x-user-id": String(currentUserId)}) as Record<string, string>

    beforeAll(async () => {
      started = await startFrontendServer(dialect, config)
      ;({User, Project, Task} = await started.models())
    })

    afterAll(async () => {
      configureFrontendModels({})
      await started?.stop()
    })

    beforeEach(async () => {
      seeded = await seedFrontendData(started.db)
      currentUserId = undefined
    })

    for (const transport of ["http", "websocket"] as const) {
      describe(`over ${transport}`, () => {
        let client: WebsocketClient | undefined

        beforeAll(async () => {
          if (transport === "websocket") {
            client = new WebsocketClient({url: `ws://127.0.0.1:${started.port}/websocket`, reconnect: false})
            await client.connect()
            configureFrontendModels({websocketClient: client, headers})
          } else {
            configureFrontendModels({baseUrl: `http://127.0.0.1:${started.port}`, headers})
          }
        })

        afterAll(async () => {
          await client?.close()
        })

        it("finds a record the ability grants, with the listed attributes only", async () => {
          as(seeded.alice)

          const user = await User.find(seeded.alice)

          expect(user.name()).toBe("Alice")
          expect(user.email()).toBe("alice@example.com")
          expect(Number(user.id())).toBe(seeded.alice)
          expect(Object.keys(user.attributes()).sort()).toEqual(["email", "id", "name"])
          expect(user.isPersisted()).toBe(true)
        })

        it("answers not found for a record the ability does not grant", async () => {
          as(seeded.alice)

          const error = await failure(User.find(seeded.bob))

          expect(error.errorType).toBe("RecordNotFoundError")
          expect(error.status).toBe(404)
          expect(error.message).toContain(`Couldn't find User with 'id'=${seeded.bob}`)

          as(undefined)
          expect((await failure(Project.find(seeded.alicePrivate))).errorType).toBe("RecordNotFoundError")
          expect((await Project.find(seeded.alicePublic)).name()).toBe("Alice public")
        })

        it("indexes only accessible records, with where, order, limit and page", async () => {
          as(seeded.alice)
          expect(names(await Project.where({}).toArray())).toEqual(["Alice private", "Alice public"])
          as(seeded.bob)
          expect(names(await Project.all().toArray())).toEqual(["Alice public", "Bob private"])
          expect((await Project.where({userId: seeded.alice}).toArray()).map((project: any) => project.name())).toEqual(["Alice public"])
          expect((await Project.order({name: "desc"}).toArray()).map((project: any) => project.name())).toEqual(["Bob private", "Alice public"])
          expect((await Project.order("name").limit(1).toArray()).map((project: any) => project.name())).toEqual(["Alice public"])
          expect((await Project.order("name").page(2).perPage(1).toArray()).map((project: any) => project.name())).toEqual(["Bob private"])
          as(undefined)
          expect(names(await Project.where({}).toArray())).toEqual(["Alice public"])
          expect(await Task.where({}).toArray()).toEqual([])
        })

        it("filters through relationships, still within the ability", async () => {
          as(seeded.alice)
          expect(names(await Task.where({project: {name: "Alice private"}}).toArray())).toEqual(["Alice task"])
          as(seeded.bob)
          // Bob can read the public project, not the task in it.
          expect(await Task.where({project: {name: ["Alice private", "Alice public"]}}).toArray()).toEqual([])
        })

        it("preloads only what the ability lets the user read", async () => {
          as(seeded.alice)

          const [own] = await Project.where({id: seeded.alicePublic}).preload("tasks").toArray()

          expect(names(own.tasks())).toEqual(["Public task"])

          const task = await Task.find(seeded.aliceTask, {preload: {project: {user: true}}})

          expect(task.project().name()).toBe("Alice private")
          expect(task.project().user().name()).toBe("Alice")

          as(seeded.bob)

          const [visible] = await Project.where({id: seeded.alicePublic}).preload("tasks").toArray()

          expect(visible.name()).toBe("Alice public")
          expect(visible.tasks()).toEqual([])

          // Bob may read the public project but not its owner.
          const [withOwner] = await Project.where({id: seeded.alicePublic}).preload("user").toArray()

          expect(withOwner.user()).toBeNull()
        })

        it("counts and plucks within the ability", async () => {
          as(seeded.alice)
          expect(await Project.count()).toBe(2)
          expect(await Project.where({public: true}).count()).toBe(1)
          expect((await Project.pluck("name")).sort()).toEqual(["Alice private", "Alice public"])
          as(seeded.bob)
          expect(await Task.count()).toBe(1)
          expect(await Task.pluck("name")).toEqual(["Bob task"])
        })

        it("updates what the ability grants, and nothing else", async () => {
          as(seeded.alice)

          const user = await User.find(seeded.alice)

          user.setName("Alicia")
          await user.save()
          expect(user.name()).toBe("Alicia")
          expect((await row("fm_users", seeded.alice)).name).toBe("Alicia")
          await user.update({email: "alicia@example.com"})
          expect((await row("fm_users", seeded.alice)).email).toBe("alicia@example.com")

          const denied = await failure(User.runCommand("update", {id: seeded.bob, attributes: {name: "Hacked"}}))

          expect(denied.errorType).toBe("RecordNotFoundError")
          expect((await row("fm_users", seeded.bob)).name).toBe("Bob")
        })

        it("rolls back an update that moves a record out of the ability", async () => {
          as(seeded.alice)

          const project = await Project.find(seeded.alicePrivate)
          const error = await failure(project.update({userId: seeded.bob}))

          expect(error.errorType).toBe("AccessDeniedError")
          expect(error.status).toBe(403)
          expect(Number((await row("fm_projects", seeded.alicePrivate)).user_id)).toBe(seeded.alice)
        })

        it("refuses to mass-assign attributes the resource does not list", async () => {
          as(seeded.alice)

          for (const attributes of [{passwordDigest: "hacked"}, {password_digest: "hacked"}, {name: "Fine", passwordDigest: "hacked"}, {id: seeded.bob}]) {
            const error = await failure(User.runCommand("update", {id: seeded.alice, attributes}))

            expect(error.errorType).toBe("UnpermittedAttributeError")
            expect(error.status).toBe(400)
          }

          const stored = await row("fm_users", seeded.alice)

          expect([stored.name, stored.password_digest]).toEqual(["Alice", "alice-secret"])
          expect((await failure(Project.runCommand("create", {attributes: {name: "Sneaky", userId: seeded.alice, id: 999}}))).errorType).toBe("UnpermittedAttributeError")
          expect(() => new User({passwordDigest: "x"})).toThrow(/no attribute 'passwordDigest'/)
        })

        it("creates what the ability grants, with validation errors per attribute", async () => {
          as(seeded.alice)

          const project = await Project.create({name: "New", userId: seeded.alice})

          expect(project.isPersisted()).toBe(true)
          expect((await row("fm_projects", Number(project.id()))).name).toBe("New")

          const denied = await failure(Project.create({name: "For Bob", userId: seeded.bob}))

          expect(denied.errorType).toBe("AccessDeniedError")
          expect(await started.db.query("SELECT id FROM fm_projects WHERE name = ?", ["For Bob"])).toEqual([])

          const invalid = await failure(Project.create({name: "", userId: seeded.alice}))

          expect(invalid.errorType).toBe("ValidationError")
          expect(invalid.status).toBe(422)
          expect(invalid.validationErrors.name).toEqual(["can't be blank"])
        })

        it("destroys what the ability grants, and nothing else", async () => {
          as(seeded.alice)

          const task = await Task.find(seeded.aliceTask)

          await task.destroy()
          expect(await row("fm_tasks", seeded.aliceTask)).toBeUndefined()
          expect((await failure(Task.runCommand("destroy", {id: seeded.bobTask}))).errorType).toBe("RecordNotFoundError")
          expect(await row("fm_tasks", seeded.bobTask)).toBeDefined()
          // No destroy rule on users at all: her own user stays too.
          expect((await failure(User.runCommand("destroy", {id: seeded.alice}))).errorType).toBe("RecordNotFoundError")
          expect(await row("fm_users", seeded.alice)).toBeDefined()
        })

        it("rejects hostile where, order and paging from the client instead of running them", async () => {
          as(seeded.alice)

          const rejected = async (promise: Promise<unknown>, errorType: string, message: RegExp) => {
            const error = await failure(promise)

            expect(`${error.errorType}: ${error.message}`).toMatch(new RegExp(`^${errorType}: .*${message.source}`))
            expect(error.status).toBe(400)
          }

          await rejected(Project.where({"name; DROP TABLE fm_projects": 1}).toArray(), "UnpermittedAttributeError", /no attribute 'name; DROP TABLE fm_projects'/)
          await rejected(User.where({passwordDigest: "alice-secret"}).toArray(), "UnpermittedAttributeError", /no attribute 'passwordDigest'/)
          await rejected(Project.where({nope: 1}).toArray(), "UnpermittedAttributeError", /no attribute 'nope'/)
          await rejected(Project.where({id: {$gt: 0}}).toArray(), "BadFrontendModelRequestError", /no relationship 'id'/)
          await rejected(Project.where({fm_users: {password_digest: "alice-secret"}}).toArray(), "BadFrontendModelRequestError", /no relationship 'fm_users'/)
          await rejected(Task.where({project: {user: {passwordDigest: "alice-secret"}}}).toArray(), "UnpermittedAttributeError", /User has no attribute 'passwordDigest'/)
          await rejected(Project.where({name: [{}]}).toArray(), "BadFrontendModelRequestError", /where.name must be/)
          await rejected(Project.order({"name DESC; DROP TABLE fm_projects; --": "asc"}).toArray(), "UnpermittedAttributeError", /no attribute/)
          await rejected(Project.order({name: "asc; DROP TABLE fm_projects"}).toArray(), "BadFrontendModelRequestError", /"asc" or "desc"/)
          await rejected(Project.runCommand("index", {limit: "1; DROP TABLE fm_projects"}), "BadFrontendModelRequestError", /limit must be a whole number/)
          await rejected(Project.runCommand("index", {select: "password_digest"}), "BadFrontendModelRequestError", /'select' is not one of them/)
          await rejected(User.pluck("passwordDigest"), "BadFrontendModelRequestError", /pluck takes attributes the resource lists/)

          // Values are bound: a quote in one is just a name nobody has.
          expect(await Project.where({name: "x' OR '1'='1"}).toArray()).toEqual([])
          expect(await started.db.query("SELECT COUNT(*) AS count FROM fm_projects")).toEqual([{count: expect.anything()}])
          expect(await Project.count()).toBe(2)
        })

        it("serves only the configured commands", async () => {
          as(seeded.alice)

          const error = await failure(User.create({name: "Nobody"}))

          expect(error.errorType).toBe("CommandNotServedError")
          expect(error.message).toContain("add create: \"create\" to its commands")
          expect((await failure(User.find(seeded.alice, {preloads: "projects"}))).message).toMatch(/Unknown option 'preloads'.*Valid options: preload/)
        })

        it("answers Model.accessible() in an action with the request's ability", async () => {
          const get = async (userId: number) => {
            if (client) return (await client.request("GET", "/my-projects", undefined, {"x-user-id": String(userId)})).json()

            return JSON.parse((await request(started.port, "GET", "/my-projects", {headers: {"x-user-id": String(userId)}})).body)
          }

          expect(await get(seeded.alice)).toEqual({names: ["Alice private", "Alice public"]})
          expect(await get(seeded.bob)).toEqual({names: ["Alice public", "Bob private"]})
        })
      })
    }

    it("answers errors as {status, errorMessage, errorType} and 404 for a command not configured", async () => {
      const post = (path: string, body: unknown, userId = seeded.alice) => request(started.port, "POST", path, {headers: {"content-type": "application/json", accept: "application/json", "x-user-id": String(userId)}, body: JSON.stringify(body)})
      const missing = await post("/api/frontend-models/users/find", {id: seeded.bob})

      expect(missing.status).toBe(404)
      expect(JSON.parse(missing.body)).toEqual({status: "error", errorMessage: `Couldn't find User with 'id'=${seeded.bob}`, errorType: "RecordNotFoundError"})
      expect((await post("/api/frontend-models/users/create", {attributes: {name: "x"}})).status).toBe(404)
      expect((await request(started.port, "GET", "/api/frontend-models/users/find")).status).toBe(404)

      const noAbility = await request(started.port, "POST", "/api/frontend-models/projects/index", {headers: {"content-type": "application/json", "x-no-ability": "1"}, body: "{}"})

      expect(noAbility.status).toBe(403)
      expect(JSON.parse(noAbility.body)).toMatchObject({status: "error", errorType: "NoCurrentAbilityError"})

      const notObject = await post("/api/frontend-models/projects/index", [1, 2])

      expect(JSON.parse(notObject.body)).toMatchObject({status: "error", errorType: "BadFrontendModelRequestError"})
    })
  })
}
