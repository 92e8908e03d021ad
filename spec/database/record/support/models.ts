import Record from "velocious/build/src/database/record/index.js"
import type {HasManyRelation} from "velocious/build/src/database/record/relationships/has-many.js"

/**
 * The README's models, defined once per process: models are registered by class name, so a
 * second `class Task` would replace this one. Each dialect re-initializes them (see schema.ts).
 * Accessors are made from the table's columns at runtime; the interfaces only tell TypeScript.
 */
export const callbackLog: string[] = []
/** For each call of Project#scopeProbeTasks' scope: whether `this` was the query it got as argument. */
export const scopeReceivers: boolean[] = []

export class Account extends Record {}
export interface Account {
  name(): string | null
  setName(value: string | null): this
  code(): string | null
  email(): string | null
  employeesCount(): number | null
  plan(): string | null
  createdAt(): Date
  updatedAt(): Date
  projects(): HasManyRelation<Project>
  loadProjects(): Promise<Project[]>
  codedProjects(): HasManyRelation<Project>
}

export class Project extends Record {}
export interface Project {
  name(): string | null
  setName(value: string | null): this
  public(): boolean
  accountId(): number | null
  accountCode(): string | null
  account(): Account | null
  loadAccount(): Promise<Account | null>
  setAccount(account: Account | null): Account | null
  codedAccount(): Account | null
  loadCodedAccount(): Promise<Account | null>
  tasks(): HasManyRelation<Task>
  loadTasks(): Promise<Task[]>
  acceptedTasks(): HasManyRelation<Task>
  loadAcceptedTasks(): Promise<Task[]>
  acceptedTasksByTable(): HasManyRelation<Task>
  scopeProbeTasks(): HasManyRelation<Task>
  projectDetail(): ProjectDetail | null
  loadProjectDetail(): Promise<ProjectDetail | null>
  buildProjectDetail(attributes?: {[key: string]: unknown}): ProjectDetail
  createProjectDetail(attributes?: {[key: string]: unknown}): Promise<ProjectDetail>
  activeDetail(): ProjectDetail | null
  loadActiveDetail(): Promise<ProjectDetail | null>
}

export class ProjectDetail extends Record {}
export interface ProjectDetail {
  projectId(): number | null
  isActive(): boolean | null
  project(): Project | null
  loadProject(): Promise<Project | null>
}

export class Task extends Record {}
export interface Task {
  name(): string | null
  setName(value: string | null): this
  identifier(): string | null
  description(): string | null
  state(): string | null
  setState(value: string | null): this
  status(): string | null
  projectId(): number | null
  setProjectId(value: number | null): this
  completedAt(): Date | null
  createdAt(): Date
  updatedAt(): Date
  project(): Project | null
  loadProject(): Promise<Project | null>
  setProject(project: Project | null): Project | null
  createProject(attributes?: {[key: string]: unknown}): Promise<Project>
  comments(): HasManyRelation<Comment>
  loadComments(): Promise<Comment[]>
}

export class Comment extends Record {}
export interface Comment {
  body(): string | null
  setBody(value: string | null): this
  taskId(): number | null
  acceptedTaskId(): number | null
  task(): Task | null
  loadTask(): Promise<Task | null>
  acceptedTask(): Task | null
  loadAcceptedTask(): Promise<Task | null>
}

export const allModels = [Account, Project, ProjectDetail, Task, Comment]

Account.hasMany("projects", {dependent: "destroy"})
Account.hasMany("codedProjects", {className: "Project", foreignKey: "account_code", primaryKey: "code"})
Account.validates("name", {presence: true, length: {maximum: 40}})
Account.validates("code", {uniqueness: true, format: {with: /^[a-z0-9-]+$/}})
Account.validates("employeesCount", {numericality: {onlyInteger: true, greaterThanOrEqualTo: 0}})
Account.validates("plan", {inclusion: {in: ["free", "pro"]}})

Project.belongsTo("account")
Project.belongsTo("codedAccount", {className: "Account", foreignKey: "account_code", primaryKey: "code"})
Project.hasMany("tasks", {dependent: "destroy"})
Project.hasOne("projectDetail", {dependent: "destroy"})
// The README's relationship scopes, verbatim.
Project.hasMany("acceptedTasks", (scope) => scope.where({state: "accepted"}), {className: "Task"})
Project.hasOne("activeDetail", function() { return this.where({isActive: true}) }, {className: "ProjectDetail"})
Project.hasMany("acceptedTasksByTable", function() {
  return this.where(`${this.getTableForJoin()}.state = 'accepted'`)
}, {className: "Task"})
Project.hasMany("scopeProbeTasks", function(scope) {
  scopeReceivers.push(this === scope)

  return scope.where({status: "open"})
}, {className: "Task"})
// Names are stored trimmed; shows that a beforeSave change is what gets written.
Project.beforeSave((project: Project) => {
  const name = project.name()

  if (name !== null && name !== name.trim()) project.setName(name.trim())
})

ProjectDetail.belongsTo("project")

Task.belongsTo("project")
Task.hasMany("comments", {dependent: "destroy"})
Task.validates("name", {presence: true, uniqueness: true})

Comment.belongsTo("task")
Comment.belongsTo("acceptedTask", (scope) => scope.where({state: "accepted"}), {className: "Task"})

// Comment logs every callback, so the callback spec can see their order and arguments.
const loggedCallbacks = ["beforeValidation", "beforeSave", "afterSave", "beforeCreate", "afterCreate", "beforeUpdate", "afterUpdate", "beforeDestroy", "afterDestroy", "afterCommit"] as const

for (const callbackName of loggedCallbacks) {
  Comment[callbackName](function(this: Comment, record: Comment) {
    if (this !== record) throw new Error(`${callbackName} got a record that is not its this`)

    callbackLog.push(`${callbackName}:${record.body()}`)
  })
}

// A failing callback aborts the save: nothing after it runs and nothing is written.
Comment.beforeCreate((comment: Comment) => {
  if (comment.body() === "explode") throw new Error("beforeCreate refused the comment")
})
