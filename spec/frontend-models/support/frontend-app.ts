import path from "node:path"
import Configuration from "velocious/build/src/configuration.js"
import type {DialectName} from "velocious/build/src/database/drivers/base/adapter.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import {lines, TempApp} from "../../http/support/temp-app.js"

export const frontendTables = ["fm_tasks", "fm_projects", "fm_users"]

/** The database config the app and the spec share: a file for SQLite, since the server runs in another process. */
export function appDatabaseConfig(dialect: DialectName, config: DriverConfig, app: TempApp): DriverConfig {
  return dialect === "sqlite" ? {type: "sqlite", name: path.join(app.directory, "db/frontend-test.sqlite")} : {...config}
}

/**
 * An app whose configuration serves User, Project and Task as frontend-model resources, with
 * an abilityResolver that takes the user from an `x-user-id` header (the test's stand-in for a
 * session) and a controller that lists `Project.accessible()` for a plain route.
 */
export function writeFrontendApp(app: TempApp, databaseConfig: DriverConfig, {typescript = false}: {typescript?: boolean} = {}): void {
  const ext = typescript ? "ts" : "js"

  if (typescript) app.write("tsconfig.json", JSON.stringify({compilerOptions: {strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: true}, include: ["src/frontend-models/*.ts", "src/check-types.ts"]}))
  app.write("db/.keep", "")
  app.write(`src/config/configuration.${ext}`, lines(
    "import Configuration from \"velocious/build/src/configuration.js\"",
    "import Ability from \"velocious/build/src/authorization/ability.js\"",
    "import User from \"../models/user.js\"",
    "import {ProjectResource, TaskResource, UserResource} from \"../resources/resources.js\"",
    "",
    "export default new Configuration({",
    "  logging: {console: false},",
    `  database: {test: {default: ${JSON.stringify(databaseConfig)}}},`,
    "  backendProjects: [",
    "    {",
    "      path: \".\",",
    "      resources: {",
    "        User: {attributes: [\"id\", \"name\", \"email\"], commands: {find: \"find\", index: \"index\", update: \"update\", destroy: \"destroy\", pluck: \"pluck\"}, path: \"/api/frontend-models/users\", primaryKey: \"id\"},",
    "        Project: {attributes: [\"id\", \"name\", \"userId\", \"public\"], path: \"/api/frontend-models/projects\"},",
    "        Task: {attributes: [\"id\", \"name\", \"projectId\", \"done\"], path: \"/api/frontend-models/tasks\"}",
    "      }",
    "    }",
    "  ],",
    typescript ? "  abilityResolver: async ({configuration, params, request, response}: any) => {" : "  abilityResolver: async ({configuration, params, request, response}) => {",
    "    // A resolver may decline (no ability): frontend-model commands then refuse to run.",
    "    if (request.header(\"x-no-ability\")) return undefined",
    "    const userId = request.header(\"x-user-id\")",
    "    const currentUser = userId ? await User.findBy({id: Number(userId)}) : undefined",
    "",
    "    return new Ability({context: {configuration, currentUser, params, request, response}, resources: [UserResource, ProjectResource, TaskResource]})",
    "  }",
    "})"
  ))
  app.write(`src/models/user.${ext}`, lines(
    "import Record from \"velocious/build/src/database/record/index.js\"",
    "export default class User extends Record {}",
    "User.setTableName(\"fm_users\")",
    "User.hasMany(\"projects\")"
  ))
  app.write(`src/models/project.${ext}`, lines(
    "import Record from \"velocious/build/src/database/record/index.js\"",
    "export default class Project extends Record {}",
    "Project.setTableName(\"fm_projects\")",
    "Project.belongsTo(\"user\")",
    "Project.hasMany(\"tasks\")",
    "Project.validates(\"name\", {presence: true})"
  ))
  app.write(`src/models/task.${ext}`, lines(
    "import Record from \"velocious/build/src/database/record/index.js\"",
    "export default class Task extends Record {}",
    "Task.setTableName(\"fm_tasks\")",
    "Task.belongsTo(\"project\")"
  ))
  app.write(`src/resources/resources.${ext}`, lines(
    "import BaseResource from \"velocious/build/src/authorization/base-resource.js\"",
    "import Project from \"../models/project.js\"",
    "import Task from \"../models/task.js\"",
    "import User from \"../models/user.js\"",
    "",
    "export class UserResource extends BaseResource {",
    typescript ? "  static override ModelClass = User" : "  static ModelClass = User",
    "",
    typescript ? "  override abilities() {" : "  abilities() {",
    typescript ? "    const currentUser = this.currentUser<User>()" : "    const currentUser = this.currentUser()",
    "",
    "    if (currentUser) {",
    "      this.can([\"read\", \"update\"], User, {id: currentUser.id()})",
    "    }",
    "  }",
    "}",
    "",
    "export class ProjectResource extends BaseResource {",
    typescript ? "  static override ModelClass = Project" : "  static ModelClass = Project",
    "",
    typescript ? "  override abilities() {" : "  abilities() {",
    typescript ? "    const currentUser = this.currentUser<User>()" : "    const currentUser = this.currentUser()",
    "",
    "    this.can(\"read\", Project, {public: true})",
    "    if (currentUser) this.can([\"read\", \"create\", \"update\", \"destroy\"], Project, {userId: currentUser.id()})",
    "  }",
    "}",
    "",
    "export class TaskResource extends BaseResource {",
    typescript ? "  static override ModelClass = Task" : "  static ModelClass = Task",
    "",
    typescript ? "  override abilities() {" : "  abilities() {",
    typescript ? "    const currentUser = this.currentUser<User>()" : "    const currentUser = this.currentUser()",
    "",
    "    if (currentUser) this.can(\"manage\", Task, {project: {userId: currentUser.id()}})",
    "  }",
    "}"
  ))
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.get(\"my-projects\")",
    "  route.get(\"page\")",
    "  route.get(\"bundle.js\", {to: \"_root#bundle\"})",
    "})",
    "export default {routes}"
  ))
  app.write("src/routes/_root/controller.js", lines(
    "import fs from \"node:fs/promises\"",
    "import Controller from \"velocious/build/src/controller.js\"",
    "import Project from \"../../models/project.js\"",
    "export default class RootController extends Controller {",
    "  // Model.accessible() without an argument: the ability abilityResolver gave this request.",
    "  async myProjects() { this.renderJson({names: (await Project.accessible().order({name: \"asc\"}).toArray()).map((project) => project.name())}) }",
    "  async page() { this.render({html: \"<!DOCTYPE html><html><head><title>frontend models</title></head><body><script src=\\\"/bundle.js\\\"></script></body></html>\"}) }",
    "  async bundle() { this.render({text: await fs.readFile(new URL(\"../../../public/bundle.js\", import.meta.url), \"utf8\"), contentType: \"text/javascript; charset=utf-8\"}) }",
    "}"
  ))
}

/** A connection of the spec's own to the app's database, for the tables and seed rows. */
export async function connectAppDatabase(config: DriverConfig, directory: string): Promise<{configuration: Configuration, db: BaseDriver}> {
  const configuration = new Configuration({directory, environment: "test", logging: {console: false}, database: {test: {default: config}}})

  await configuration.ensureGlobalConnections()

  return {configuration, db: configuration.getDatabasePool().getCurrentConnection()}
}

export async function createFrontendTables(db: BaseDriver): Promise<void> {
  const schema = new SchemaStatements(db)

  await dropFrontendTables(db)
  await schema.createTable("fm_users", (t) => {
    t.string("name")
    t.string("email")
    t.string("password_digest")
  })
  await schema.createTable("fm_projects", (t) => {
    t.integer("user_id")
    t.string("name")
    t.boolean("public", {default: false})
  })
  await schema.createTable("fm_tasks", (t) => {
    t.integer("project_id")
    t.string("name")
    t.boolean("done", {default: false})
  })
}

export async function dropFrontendTables(db: BaseDriver): Promise<void> {
  const schema = new SchemaStatements(db)

  for (const table of frontendTables) await schema.dropTable(table, {ifExists: true})
}

export interface Seeded {
  alice: number
  bob: number
  alicePrivate: number
  alicePublic: number
  bobPrivate: number
  aliceTask: number
  bobTask: number
  publicTask: number
}

async function insert(db: BaseDriver, table: string, row: {[column: string]: unknown}): Promise<number> {
  const columns = Object.keys(row)
  // better-sqlite3 binds no booleans.
  const values = Object.values(row).map((value) => typeof value === "boolean" && db.dialect() === "sqlite" ? Number(value) : value)

  await db.execute(`INSERT INTO ${db.quoteIdentifier(table)} (${columns.map((column) => db.quoteIdentifier(column)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`, values)

  const rows = await db.query<{id: unknown}>(`SELECT MAX(id) AS id FROM ${db.quoteIdentifier(table)}`)

  return Number(rows[0].id)
}

/** Empty tables, then Alice and Bob with a private project each, a public one of Alice's, and a task in each project. */
export async function seedFrontendData(db: BaseDriver): Promise<Seeded> {
  for (const table of frontendTables) await db.execute(`DELETE FROM ${db.quoteIdentifier(table)}`)

  const alice = await insert(db, "fm_users", {name: "Alice", email: "alice@example.com", password_digest: "alice-secret"})
  const bob = await insert(db, "fm_users", {name: "Bob", email: "bob@example.com", password_digest: "bob-secret"})
  const alicePrivate = await insert(db, "fm_projects", {user_id: alice, name: "Alice private", public: false})
  const alicePublic = await insert(db, "fm_projects", {user_id: alice, name: "Alice public", public: true})
  const bobPrivate = await insert(db, "fm_projects", {user_id: bob, name: "Bob private", public: false})
  const aliceTask = await insert(db, "fm_tasks", {project_id: alicePrivate, name: "Alice task"})
  const bobTask = await insert(db, "fm_tasks", {project_id: bobPrivate, name: "Bob task"})
  const publicTask = await insert(db, "fm_tasks", {project_id: alicePublic, name: "Public task"})

  return {alice, bob, alicePrivate, alicePublic, bobPrivate, aliceTask, bobTask, publicTask}
}
