import type Ability from "../authorization/ability.js"
import {AccessDeniedError} from "../authorization/errors.js"
import type Query from "../database/query/index.js"
import type {PreloadTree} from "../database/query/query-state.js"
import type VelociousRecord from "../database/record/index.js"
import {RecordNotFoundError} from "../database/record/errors.js"
import {checkCount, checkOrder, checkPreload, checkWhere, checkWritableAttributes, isPlainObject, type CheckedPreload} from "./client-params.js"
import {BadFrontendModelRequestError} from "./errors.js"
import type {BackendProject, FrontendModelCommand, FrontendModelResource} from "./resource-config.js"
import {serializeRecords} from "./serialize.js"

export interface CommandArgs {
  project: BackendProject
  resource: FrontendModelResource
  model: typeof VelociousRecord
  ability: Ability
  params: {[key: string]: unknown}
}

type Answer = {[key: string]: unknown}

const commandParams: Record<FrontendModelCommand, string[]> = {
  find: ["id", "preload"],
  index: ["where", "order", "limit", "offset", "page", "perPage", "preload"],
  count: ["where"],
  pluck: ["attributes", "where", "order", "limit", "offset", "page", "perPage"],
  create: ["attributes"],
  update: ["id", "attributes"],
  destroy: ["id"]
}

function toPreloadTree(checked: CheckedPreload): PreloadTree {
  return Object.fromEntries(Object.entries(checked).map(([name, children]) => [name, Object.keys(children).length === 0 ? true : toPreloadTree(children)]))
}

function checkId(id: unknown, resource: FrontendModelResource): string | number {
  if ((typeof id === "number" && Number.isSafeInteger(id)) || (typeof id === "string" && id !== "")) return id

  throw new BadFrontendModelRequestError(`${resource.modelName}: give the record's ${resource.primaryKey} as id (a number or a string), got ${JSON.stringify(id)}`)
}

/** The accessible query with the client's where, order and paging, each checked against the resource first. */
function listQuery({project, resource, model, ability, params}: CommandArgs): Query<typeof VelociousRecord> {
  let query = model.accessible(ability, "read").where(checkWhere(project, model, resource, params.where))

  for (const order of checkOrder(model, resource, params.order)) query = query.order(order)

  const limit = checkCount(params.limit, "limit", 0)
  const offset = checkCount(params.offset, "offset", 0)
  const page = checkCount(params.page, "page", 1)
  const perPage = checkCount(params.perPage, "perPage", 1)

  if (limit !== undefined) query = query.limit(limit)
  if (offset !== undefined) query = query.offset(offset)
  if (page !== undefined) query = query.page(page)
  if (perPage !== undefined) query = query.perPage(perPage)

  return query
}

/** Finds through accessible(): a record the ability does not grant is "not found", as if it did not exist. */
async function findAccessible(args: CommandArgs, action: string, preload: CheckedPreload = {}): Promise<VelociousRecord> {
  const {model, resource, ability, params} = args
  const id = checkId(params.id, resource)
  const query = model.accessible(ability, action).preload(toPreloadTree(preload))
  const record = (await query.where({[model.primaryKey]: id}).toArray())[0]

  if (!record) throw new RecordNotFoundError(`Couldn't find ${resource.modelName} with '${resource.primaryKey}'=${JSON.stringify(id)}`)

  return record
}

/** A create or update inside its transaction: the record must still be one the ability grants the action on, or the write is rolled back. */
async function checkStillAccessible(args: CommandArgs, record: VelociousRecord, action: string): Promise<void> {
  const stillAccessible = await args.model.accessible(args.ability, action).where({[args.model.primaryKey]: record.id()}).exists()

  if (!stillAccessible) throw new AccessDeniedError(`Not authorized to ${action} this ${args.resource.modelName}`)
}

async function serializeOne(args: CommandArgs, record: VelociousRecord, preload: CheckedPreload = {}): Promise<Answer> {
  const [model] = await serializeRecords({project: args.project, resource: args.resource, records: [record], preload, ability: args.ability})

  return {model}
}

const handlers: Record<FrontendModelCommand, (args: CommandArgs) => Promise<Answer>> = {
  async find(args) {
    const preload = checkPreload(args.project, args.model, args.resource, args.params.preload)

    return await serializeOne(args, await findAccessible(args, "read", preload), preload)
  },

  async index(args) {
    const preload = checkPreload(args.project, args.model, args.resource, args.params.preload)
    const records = await listQuery(args).preload(toPreloadTree(preload)).toArray()

    return {models: await serializeRecords({project: args.project, resource: args.resource, records, preload, ability: args.ability})}
  },

  async count(args) {
    return {count: await listQuery(args).count()}
  },

  async pluck(args) {
    const {resource, params} = args
    const attributes = Array.isArray(params.attributes) ? params.attributes : [params.attributes]

    if (attributes.length === 0 || attributes.some((attribute) => typeof attribute !== "string" || !resource.attributes.includes(attribute))) {
      throw new BadFrontendModelRequestError(`pluck takes attributes the resource lists (${resource.attributes.join(", ")}), got ${JSON.stringify(params.attributes)}`)
    }

    return {values: await listQuery(args).pluck(...attributes as string[])}
  },

  async create(args) {
    const {model, resource, params} = args
    const attributes = checkWritableAttributes(model, resource, params.attributes)

    return await model.transaction(async () => {
      const record = await model.create(attributes)

      await checkStillAccessible(args, record, "create")

      return await serializeOne(args, record)
    })
  },

  async update(args) {
    const {model, resource, params} = args
    const attributes = checkWritableAttributes(model, resource, params.attributes)

    return await model.transaction(async () => {
      const record = await findAccessible(args, "update")

      await record.update(attributes)
      // Checked again after the write: an update must not move a record out of what the user may update (e.g. to another owner).
      await checkStillAccessible(args, record, "update")

      return await serializeOne(args, record)
    })
  },

  async destroy(args) {
    const record = await findAccessible(args, "destroy")

    await record.destroy()

    return {}
  }
}

export async function runFrontendModelCommand(command: FrontendModelCommand, args: CommandArgs): Promise<Answer> {
  if (!isPlainObject(args.params)) throw new BadFrontendModelRequestError("The request body must be a JSON object")

  const allowed = commandParams[command]

  for (const key of Object.keys(args.params)) {
    // The request's locale (see translations/request-locale.ts) may ride along with any request.
    if (key === "locale") continue
    if (!allowed.includes(key)) throw new BadFrontendModelRequestError(`${args.resource.modelName} ${command} takes ${allowed.join(", ")}; '${key}' is not one of them`)
  }

  return await handlers[command](args)
}
