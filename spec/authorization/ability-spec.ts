import Ability from "velocious/build/src/authorization/ability.js"
import BaseResource from "velocious/build/src/authorization/base-resource.js"
import {AbilityDefinitionError, AccessDeniedError, NoCurrentAbilityError} from "velocious/build/src/authorization/errors.js"
import {withAbility} from "velocious/build/src/authorization/request-ability.js"
import type Query from "velocious/build/src/database/query/index.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../database/support/test-databases.js"
import {AzProject, AzTask, AzUser} from "./support/models.js"
import {useAuthorizationModels} from "./support/schema.js"

// The README's resource, on this suite's user model.
class UserResource extends BaseResource {
  static override ModelClass = AzUser

  override abilities() {
    const currentUser = this.currentUser<AzUser>()

    if (currentUser) {
      this.can("read", AzUser, {id: currentUser.id()})
    }
  }
}

class ProjectResource extends BaseResource {
  static override ModelClass = AzProject

  override abilities() {
    const currentUser = this.currentUser<AzUser>()

    this.can("read", AzProject, {public: true})

    if (!currentUser) return

    this.can(["read", "update"], AzProject, {userId: currentUser.id()})
    this.can("destroy", AzProject, {userId: currentUser.id(), public: false})
    this.cannot("read", AzProject, {name: "Hidden"})
  }
}

class TaskResource extends BaseResource {
  static override ModelClass = AzTask

  override abilities() {
    const currentUser = this.currentUser<AzUser>()

    if (currentUser) this.can("read", AzTask, {project: {userId: currentUser.id()}})
  }
}

const ids = (records: {id(): unknown}[]) => records.map((record) => Number(record.id())).sort((a, b) => a - b)

for (const database of testDatabases) {
  describe(`authorization abilities - ${database.dialect}`, {skip: database.skip}, () => {
    useAuthorizationModels(database)

    async function seed() {
      const alice = await AzUser.create({name: "Alice"})
      const bob = await AzUser.create({name: "Bob"})
      const alicePrivate = await AzProject.create({name: "Alice private", userId: alice.id()})
      const alicePublic = await AzProject.create({name: "Alice public", userId: alice.id(), public: true})
      const aliceHidden = await AzProject.create({name: "Hidden", userId: alice.id()})
      const bobPrivate = await AzProject.create({name: "Bob private", userId: bob.id()})
      const aliceTask = await AzTask.create({name: "Alice task", projectId: alicePrivate.id()})
      const bobTask = await AzTask.create({name: "Bob task", projectId: bobPrivate.id()})

      return {alice, bob, alicePrivate, alicePublic, aliceHidden, bobPrivate, aliceTask, bobTask}
    }

    it("reads only the current user through accessible() (README)", async () => {
      const {alice, bob} = await seed()
      const ability = new Ability({context: {currentUser: alice}, resources: [UserResource]})

      expect(ids(await AzUser.accessible(ability).toArray())).toEqual([Number(alice.id())])
      expect(await AzUser.accessible(ability).count()).toBe(1)
      expect(ability.can("read", alice)).toBe(true)
      expect(ability.can("read", bob)).toBe(false)
      expect(ability.can("update", alice)).toBe(false)
    })

    it("grants nothing without a matching rule", async () => {
      const {alice} = await seed()
      const anonymous = new Ability({context: {}, resources: [UserResource]})
      const noResources = new Ability({context: {currentUser: alice}})

      expect(await AzUser.accessible(anonymous).toArray()).toEqual([])
      expect(await AzUser.accessible(noResources).toArray()).toEqual([])
      expect(await AzTask.accessible(new Ability({context: {currentUser: alice}, resources: [UserResource]})).count()).toBe(0)
      expect(anonymous.can("read", alice)).toBe(false)
      expect(anonymous.can("read", AzUser)).toBe(false)
    })

    it("ORs can rules, lets cannot win, and keeps actions apart", async () => {
      const s = await seed()
      const ability = new Ability({context: {currentUser: s.alice}, resources: [ProjectResource]})

      // Public (anyone's) or her own, but never "Hidden" though it is hers.
      expect(ids(await AzProject.accessible(ability).toArray())).toEqual(ids([s.alicePrivate, s.alicePublic]))
      expect(ids(await AzProject.accessible(ability, "update").toArray())).toEqual(ids([s.alicePrivate, s.alicePublic, s.aliceHidden]))
      expect(ids(await AzProject.accessible(ability, "destroy").toArray())).toEqual(ids([s.alicePrivate, s.aliceHidden]))
      expect(await AzProject.accessible(ability, "publish").count()).toBe(0)

      expect(ability.can("read", s.aliceHidden)).toBe(false)
      expect(ability.can("update", s.aliceHidden)).toBe(true)
      expect(ability.can("read", s.bobPrivate)).toBe(false)
      expect(ability.cannot("destroy", s.alicePublic)).toBe(true)
    })

    it("answers the same in memory as in SQL for every record", async () => {
      const s = await seed()

      for (const user of [s.alice, s.bob]) {
        const ability = new Ability({context: {currentUser: user}, resources: [ProjectResource]})

        for (const action of ["read", "update", "destroy"]) {
          const inSql = new Set(ids(await AzProject.accessible(ability, action).toArray()))

          for (const project of await AzProject.all().toArray()) {
            expect(`${action} ${project.name()}: ${ability.can(action, project)}`).toBe(`${action} ${project.name()}: ${inSql.has(Number(project.id()))}`)
          }
        }
      }
    })

    it("matches no integer with text that is no number, in SQL and in memory (not the 0 it casts to)", async () => {
      class TextIdResource extends BaseResource {
        static override ModelClass = AzProject

        override abilities() {
          this.can("read", AzProject, {userId: "abc"})
          this.can("update", AzProject, {userId: "0"})
        }
      }

      const zero = await AzProject.create({name: "Zero", userId: 0})
      const ability = new Ability({context: {}, resources: [TextIdResource]})

      expect(await AzProject.accessible(ability, "read").count()).toBe(0)
      expect(ability.can("read", zero)).toBe(false)
      expect(ids(await AzProject.accessible(ability, "update").toArray())).toEqual([Number(zero.id())])
      expect(ability.can("update", zero)).toBe(true)
    })

    it("filters through nested relationship conditions in SQL and in memory", async () => {
      const s = await seed()
      const ability = new Ability({context: {currentUser: s.alice}, resources: [TaskResource]})

      expect(ids(await AzTask.accessible(ability).toArray())).toEqual([Number(s.aliceTask.id())])

      const [aliceTask, bobTask] = await AzTask.where({id: [s.aliceTask.id(), s.bobTask.id()]}).order({id: "asc"}).preload("project").toArray()

      expect(ability.can("read", aliceTask)).toBe(true)
      expect(ability.can("read", bobTask)).toBe(false)

      const unloaded = await AzTask.find(s.aliceTask.id())

      expect(() => ability.can("read", unloaded)).toThrow(/load it first \(await record\.loadProject\(\)\)/)
    })

    it("takes scope callbacks, checked in SQL only", async () => {
      const s = await seed()

      class ScopedProjects extends BaseResource {
        override abilities() {
          this.can("read", AzProject, (query: Query<any>) => query.where(`${query.getTableForJoin()}.name LIKE ?`, "Alice%"))
          this.can("read", AzProject, function(this: Query<any>) { return this.where({name: "Bob private"}) })
        }
      }

      const ability = new Ability({context: {}, resources: [ScopedProjects]})

      expect(ids(await AzProject.accessible(ability).toArray())).toEqual(ids([s.alicePrivate, s.alicePublic, s.bobPrivate]))
      expect(() => ability.can("read", s.alicePrivate)).toThrow(/scope callback, which only SQL can check/)
    })

    it("keeps each rule's joins to itself and rows unrepeated", async () => {
      const s = await seed()

      await AzTask.create({name: "Second Alice task", projectId: s.alicePrivate.id()})

      class ProjectsByTasks extends BaseResource {
        override abilities() {
          // An INNER JOIN on tasks for this rule would drop the public project (it has no tasks), and repeat Alice's.
          this.can("read", AzProject, {tasks: {name: ["Alice task", "Second Alice task"]}})
          this.can("read", AzProject, {public: true})
        }
      }

      const ability = new Ability({context: {}, resources: [ProjectsByTasks]})

      expect(ids(await AzProject.accessible(ability).order({id: "asc"}).toArray())).toEqual(ids([s.alicePrivate, s.alicePublic]))
      expect(await AzProject.accessible(ability).count()).toBe(2)
      // accessible() composes with the rest of a query, before or after.
      expect(ids(await AzProject.where({userId: s.alice.id()}).accessible(ability).where({public: false}).toArray())).toEqual([Number(s.alicePrivate.id())])
    })

    it("binds condition values rather than splicing them into SQL", async () => {
      const s = await seed()

      class Hostile extends BaseResource {
        override abilities() {
          this.can("read", AzProject, {name: "x' OR '1'='1"})
        }
      }

      expect(await AzProject.accessible(new Ability({resources: [Hostile]})).count()).toBe(0)
      expect(await AzProject.count()).toBe(4)
      void s
    })

    it("lets manage cover every action", async () => {
      const s = await seed()

      class Admin extends BaseResource {
        override abilities() {
          if (this.currentUser<AzUser>()?.name() === "Bob") this.can("manage", AzProject)
        }
      }

      const ability = new Ability({context: {currentUser: s.bob}, resources: [Admin]})

      expect(await AzProject.accessible(ability, "destroy").count()).toBe(4)
      expect(ability.can("anything", s.alicePrivate)).toBe(true)
      expect(ability.can("read", AzProject)).toBe(true)
    })

    it("uses the current ability when accessible() gets none, and says what to do outside one", async () => {
      const s = await seed()
      const ability = new Ability({context: {currentUser: s.bob}, resources: [UserResource]})

      expect(() => AzUser.accessible()).toThrow(NoCurrentAbilityError)
      expect(ids(await withAbility(ability, () => AzUser.accessible().toArray()))).toEqual([Number(s.bob.id())])
      expect(await withAbility(ability, () => AzUser.accessible("update").count())).toBe(0)
      expect(await withAbility(new Ability({context: {currentUser: s.alice}, resources: [ProjectResource]}), () => AzProject.accessible("update").count())).toBe(3)
    })

    it("authorize() raises AccessDeniedError", async () => {
      const s = await seed()
      const ability = new Ability({context: {currentUser: s.alice}, resources: [UserResource]})

      ability.authorize("read", s.alice)
      expect(() => ability.authorize("read", s.bob)).toThrow(AccessDeniedError)
    })

    it("rejects definitions that cannot work, with what to do", async () => {
      class AsyncResource extends BaseResource {
        override abilities(): any {
          return Promise.resolve()
        }
      }
      class NoModel extends BaseResource {
        override abilities() {
          this.can("read", {} as never)
        }
      }
      class BadConditions extends BaseResource {
        override abilities() {
          this.can("read", AzUser, "id = 1" as never)
        }
      }

      expect(() => new Ability({context: {}, resource: []} as never)).toThrow(/Unknown option 'resource'.*Did you mean 'resources'/)
      expect(() => new Ability({resources: [AzUser as never]})).toThrow(AbilityDefinitionError)
      expect(() => AzUser.accessible(new Ability({resources: [AsyncResource]})).toSql()).toThrow(/returned a promise/)
      expect(() => AzUser.accessible(new Ability({resources: [NoModel]}))).toThrow(/needs a model class/)
      expect(() => AzUser.accessible(new Ability({resources: [BadConditions]}))).toThrow(/where-hash or a scope callback/)

      class UnknownColumn extends BaseResource {
        override abilities() {
          this.can("read", AzUser, {nope: 1})
        }
      }

      expect(() => AzUser.accessible(new Ability({resources: [UnknownColumn]}))).toThrow(/no column 'nope'/)
    })
  })
}
