import Record from "velocious/build/src/database/record/index.js"
import type {HasManyRelation} from "velocious/build/src/database/record/relationships/has-many.js"

// Az-prefixed: models are registered by class name per process, and other suites have their own Project and Task.
export class AzUser extends Record {}
export interface AzUser {
  name(): string | null
  admin(): boolean
}

export class AzProject extends Record {}
export interface AzProject {
  name(): string | null
  userId(): number | null
  public(): boolean
  user(): AzUser | null
  loadUser(): Promise<AzUser | null>
  tasks(): HasManyRelation<AzTask>
  loadTasks(): Promise<AzTask[]>
}

export class AzTask extends Record {}
export interface AzTask {
  name(): string | null
  projectId(): number | null
  done(): boolean
  project(): AzProject | null
  loadProject(): Promise<AzProject | null>
}

AzUser.setTableName("az_users")
AzProject.setTableName("az_projects")
AzTask.setTableName("az_tasks")
AzUser.hasMany("projects", {className: "AzProject", foreignKey: "user_id"})
AzProject.belongsTo("user", {className: "AzUser"})
AzProject.hasMany("tasks", {className: "AzTask", foreignKey: "project_id"})
AzTask.belongsTo("project", {className: "AzProject"})

export const authorizationModels = [AzUser, AzProject, AzTask]
