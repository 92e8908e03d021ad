import type Record from "../database/record/index.js"
import {modelByName} from "../database/record/model-registry.js"
import {BadFrontendModelRequestError, UnpermittedAttributeError} from "./errors.js"
import type {BackendProject, FrontendModelResource} from "./resource-config.js"

type Hash = {[key: string]: unknown}

export function isPlainObject(value: unknown): value is Hash {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))
}

/** The model class behind a resource, from the app's models (src/models). */
export function resourceModel(resource: FrontendModelResource): typeof Record {
  const model = modelByName(resource.modelName)

  if (!model) throw new Error(`The frontend-model resource ${resource.modelName} has no model: define class ${resource.modelName} in src/models`)

  return model
}

/** The listed attribute a client's key stands for (`userId` or `user_id` for a listed `userId`), else undefined. */
function listedAttribute(model: typeof Record, resource: FrontendModelResource, key: string): string | undefined {
  if (resource.attributes.includes(key)) return key

  const column = model.isInitialized() ? model.getMetadata().columnFor(key) : undefined

  return column ? resource.attributes.find((attribute) => model.getMetadata().columnFor(attribute) === column) : undefined
}

// The same answer for an unlisted column and a missing one, so a client cannot probe the schema.
function unknownKey(_model: typeof Record, resource: FrontendModelResource, key: string, what: string): Error {
  return new UnpermittedAttributeError(`${resource.modelName} has no attribute '${key}' the frontend may ${what}; the resource lists: ${resource.attributes.join(", ")}`)
}

/** The resource of the same backend project for a relationship's model, or an error naming the relationship. */
export function relatedResource(project: BackendProject, model: typeof Record, resource: FrontendModelResource, name: string): {relationshipModel: typeof Record, resource: FrontendModelResource} {
  const relationship = model.getRelationships().get(name)
  const target = relationship?.targetModel()
  const targetResource = target ? project.resources.find((each) => each.modelName === target.name) : undefined

  if (!relationship || !target || !targetResource) {
    throw new BadFrontendModelRequestError(`${resource.modelName} has no relationship '${name}' to a frontend-model resource`)
  }

  return {relationshipModel: target, resource: targetResource}
}

/**
 * The client's where-hash checked against the resource: keys are listed attributes or
 * relationships to other resources of the project (checked the same way), values are scalars
 * or lists of them. Query#where() then binds every value; nothing the client sends becomes SQL.
 */
export function checkWhere(project: BackendProject, model: typeof Record, resource: FrontendModelResource, where: unknown): Hash {
  if (where === undefined || where === null) return {}
  if (!isPlainObject(where)) throw new BadFrontendModelRequestError(`where must be an object of attribute → value, got ${JSON.stringify(where)}`)

  const checked: Hash = {}

  for (const [key, value] of Object.entries(where)) {
    if (isPlainObject(value)) {
      const related = relatedResource(project, model, resource, key)

      checked[key] = checkWhere(project, related.relationshipModel, related.resource, value)
      continue
    }

    const attribute = listedAttribute(model, resource, key)

    if (!attribute) throw unknownKey(model, resource, key, "filter on")

    const values = Array.isArray(value) ? value : [value]

    if (!values.every(isScalar)) throw new BadFrontendModelRequestError(`where.${key} must be a string, number, boolean, null or a list of them, got ${JSON.stringify(value)}`)

    checked[attribute] = value
  }

  return checked
}

export function checkOrder(model: typeof Record, resource: FrontendModelResource, order: unknown): {[attribute: string]: "asc" | "desc"}[] {
  if (order === undefined || order === null) return []

  const entries = Array.isArray(order) ? order : [order]

  return entries.map((entry) => {
    const spec: Hash = typeof entry === "string" ? {[entry]: "asc"} : isPlainObject(entry) ? entry : {}

    if (Object.keys(spec).length !== 1) throw new BadFrontendModelRequestError(`order must be an attribute name or {attribute: "asc" | "desc"} (or a list of them), got ${JSON.stringify(entry)}`)

    const [[key, direction]] = Object.entries(spec)
    const attribute = listedAttribute(model, resource, key)

    if (!attribute) throw unknownKey(model, resource, key, "order by")
    if (direction !== "asc" && direction !== "desc") throw new BadFrontendModelRequestError(`order.${key} must be "asc" or "desc", got ${JSON.stringify(direction)}`)

    return {[attribute]: direction}
  })
}

export function checkCount(value: unknown, name: string, minimum: number): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) throw new BadFrontendModelRequestError(`${name} must be a whole number of ${minimum} or more, got ${JSON.stringify(value)}`)

  return value
}

export type CheckedPreload = {[relationship: string]: CheckedPreload}

export function checkPreload(project: BackendProject, model: typeof Record, resource: FrontendModelResource, preload: unknown): CheckedPreload {
  if (preload === undefined || preload === null) return {}

  const tree: Hash = typeof preload === "string" ? {[preload]: true} : Array.isArray(preload) ? Object.fromEntries(preload.map((name) => [String(name), true])) : isPlainObject(preload) ? preload : {}

  if (!isPlainObject(preload) && typeof preload !== "string" && !Array.isArray(preload)) throw new BadFrontendModelRequestError(`preload must be a relationship name, a list of them or a tree such as {project: {account: true}}, got ${JSON.stringify(preload)}`)

  const checked: CheckedPreload = {}

  for (const [name, children] of Object.entries(tree)) {
    const related = relatedResource(project, model, resource, name)

    checked[name] = children === true ? {} : checkPreload(project, related.relationshipModel, related.resource, children)
  }

  return checked
}

/** Mass assignment from the client: listed attributes only, never the primary key. */
export function checkWritableAttributes(model: typeof Record, resource: FrontendModelResource, attributes: unknown): Hash {
  if (attributes === undefined || attributes === null) return {}
  if (!isPlainObject(attributes)) throw new BadFrontendModelRequestError(`attributes must be an object of attribute → value, got ${JSON.stringify(attributes)}`)

  const checked: Hash = {}
  const primaryKeyColumn = model.getMetadata().columnFor(resource.primaryKey)

  for (const [key, value] of Object.entries(attributes)) {
    const attribute = listedAttribute(model, resource, key)

    if (!attribute) throw unknownKey(model, resource, key, "write")
    if (model.getMetadata().columnFor(attribute) === primaryKeyColumn) throw new UnpermittedAttributeError(`${resource.modelName}.${key} is the primary key, which the frontend cannot set`)

    checked[attribute] = value
  }

  return checked
}
