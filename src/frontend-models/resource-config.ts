import {checkKeys} from "../utils/check-keys.js"

/** What the generated classes can ask the backend for; `commands` names the ones a resource serves. */
export const frontendModelCommands = ["find", "index", "create", "update", "destroy", "count", "pluck"] as const

export type FrontendModelCommand = typeof frontendModelCommands[number]

/** One resource as configured under backendProjects[].resources.<ModelName>. */
export interface FrontendModelResourceOptions {
  attributes: string[]
  /** command → the last path segment it is served at (`{find: "find"}`); default: every command, at its own name. */
  commands?: Partial<Record<FrontendModelCommand, string>>
  path: string
  primaryKey?: string
}

export interface BackendProjectOptions {
  /** The backend app's directory: that app serves the resources; any app can generate classes from them. */
  path: string
  resources: {[modelName: string]: FrontendModelResourceOptions}
}

/** A resource with its defaults filled in and checked, as the server and the generator use it. */
export interface FrontendModelResource {
  modelName: string
  attributes: string[]
  commands: Partial<Record<FrontendModelCommand, string>>
  path: string
  primaryKey: string
}

export interface BackendProject {
  path: string
  resources: FrontendModelResource[]
}

export class FrontendModelConfigurationError extends Error {
  override name = "FrontendModelConfigurationError"
}

const resourceKeys = ["attributes", "commands", "path", "primaryKey"]
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/
const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
const pathPattern = /^(\/[A-Za-z0-9._~-]+)+$/

function isObject(value: unknown): value is {[key: string]: unknown} {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function normalizeResource(modelName: string, options: unknown, where: string): FrontendModelResource {
  if (!namePattern.test(modelName)) throw new FrontendModelConfigurationError(`${where}: '${modelName}' is not a model class name (e.g. User)`)
  if (!isObject(options)) throw new FrontendModelConfigurationError(`${where}.${modelName} must be an object like {attributes: ["id", "name"], path: "/api/frontend-models/users"}`)

  checkKeys(options, resourceKeys, `${where}.${modelName}`)

  const {attributes, commands, path, primaryKey = "id"} = options

  if (!Array.isArray(attributes) || attributes.length === 0 || attributes.some((attribute) => typeof attribute !== "string" || !namePattern.test(attribute))) {
    throw new FrontendModelConfigurationError(`${where}.${modelName}.attributes must list the attribute names the frontend may read and write, e.g. ["id", "name"]`)
  }
  if (typeof path !== "string" || !pathPattern.test(path)) throw new FrontendModelConfigurationError(`${where}.${modelName}.path must be a URL path such as "/api/frontend-models/users" (no trailing slash, no :params), got ${JSON.stringify(path)}`)
  if (typeof primaryKey !== "string" || !namePattern.test(primaryKey)) throw new FrontendModelConfigurationError(`${where}.${modelName}.primaryKey must be a column name, got ${JSON.stringify(primaryKey)}`)

  const normalizedCommands: Partial<Record<FrontendModelCommand, string>> = {}

  if (commands === undefined) {
    for (const command of frontendModelCommands) normalizedCommands[command] = command
  } else {
    if (!isObject(commands)) throw new FrontendModelConfigurationError(`${where}.${modelName}.commands must be an object such as {find: "find", update: "update"}`)

    checkKeys(commands, frontendModelCommands, `${where}.${modelName}.commands`)

    for (const [command, segment] of Object.entries(commands)) {
      if (typeof segment !== "string" || !segmentPattern.test(segment)) throw new FrontendModelConfigurationError(`${where}.${modelName}.commands.${command} must be a path segment such as "${command}", got ${JSON.stringify(segment)}`)
      normalizedCommands[command as FrontendModelCommand] = segment
    }
  }

  return {modelName, attributes: [...attributes] as string[], commands: normalizedCommands, path, primaryKey}
}

/** backendProjects from the configuration, checked: a mistake fails at boot or generation with the key named. */
export function normalizeBackendProjects(value: unknown): BackendProject[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new FrontendModelConfigurationError("backendProjects must be a list of {path, resources}")

  return value.map((project, index) => {
    const where = `backendProjects[${index}]`

    if (!isObject(project)) throw new FrontendModelConfigurationError(`${where} must be an object {path, resources}`)

    checkKeys(project, ["path", "resources"], where)

    if (typeof project.path !== "string" || project.path === "") throw new FrontendModelConfigurationError(`${where}.path must be the backend project's directory`)
    if (!isObject(project.resources)) throw new FrontendModelConfigurationError(`${where}.resources must be an object {ModelName: {attributes, path, ...}}`)

    const resources = Object.entries(project.resources).map(([modelName, options]) => normalizeResource(modelName, options, `${where}.resources`))
    const paths = new Set<string>()

    for (const resource of resources) {
      for (const segment of Object.values(resource.commands)) {
        const full = `${resource.path}/${segment}`

        if (paths.has(full)) throw new FrontendModelConfigurationError(`${where}: two commands are served at ${full}; give each resource its own path and each command its own segment`)
        paths.add(full)
      }
    }

    return {path: project.path, resources}
  })
}
