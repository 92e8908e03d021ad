// Browser-safe: the generated models (src/frontend-models/*) extend this and are bundled for the browser.
import {FrontendModelError} from "./frontend-model-error.js"
import FrontendQuery from "./frontend-query.js"
import {sendCommand} from "./transport.js"

export {configureFrontendModels} from "./transport.js"
export {FrontendModelError} from "./frontend-model-error.js"

/** What the generator writes into each class: the resource as the backend configuration has it. */
export interface FrontendModelResourceDefinition {
  modelName: string
  attributes: readonly string[]
  /** command → path segment (`{find: "find"}`); a command not listed is not served. */
  commands: {[command: string]: string}
  path: string
  primaryKey: string
}

type Attributes = {[attribute: string]: unknown}
type BackendRecord = {attributes: Attributes, preloaded?: {[relationship: string]: BackendRecord | BackendRecord[] | null}}

const registry = new Map<string, typeof FrontendModel>()

/**
 * Base class of the generated frontend models: the record's listed attributes, and commands
 * (find, index, create, update, destroy, count, pluck) sent to the backend resource, which
 * authorizes each through the request's ability.
 */
export default class FrontendModel {
  static resource: FrontendModelResourceDefinition

  /** Generated classes register themselves, so preloaded relationships come back as instances of their class. */
  static register(model: typeof FrontendModel): void {
    registry.set(model.resource.modelName, model)
  }

  static async runCommand(command: string, params: {[key: string]: unknown}): Promise<{[key: string]: unknown}> {
    const resource = this.resource
    const segment = resource.commands[command]

    if (!segment) throw new FrontendModelError({errorMessage: `${resource.modelName} does not serve the '${command}' command: add ${command}: "${command}" to its commands in backendProjects and run npx velocious g:frontend-models`, errorType: "CommandNotServedError", status: 0})

    const {status, body} = await sendCommand(`${resource.path}/${segment}`, params)

    if (!body || body.status !== "success") {
      throw new FrontendModelError({errorMessage: body?.errorMessage || `${resource.modelName} ${command} failed with status ${status}`, errorType: body?.errorType || "Error", status, validationErrors: body?.validationErrors})
    }

    return body
  }

  /** @internal A record as the backend sent it. */
  static fromBackend<Model extends typeof FrontendModel>(this: Model, data: BackendRecord): InstanceType<Model> {
    const record = new this() as InstanceType<Model>

    record.setBackendState(data)

    return record
  }

  static all<Model extends typeof FrontendModel>(this: Model): FrontendQuery<Model> { return new FrontendQuery(this) }
  static where<Model extends typeof FrontendModel>(this: Model, conditions: Attributes): FrontendQuery<Model> { return new FrontendQuery(this).where(conditions) }
  static order<Model extends typeof FrontendModel>(this: Model, order: string | {[attribute: string]: "asc" | "desc"}): FrontendQuery<Model> { return new FrontendQuery(this).order(order) }
  static limit<Model extends typeof FrontendModel>(this: Model, limit: number): FrontendQuery<Model> { return new FrontendQuery(this).limit(limit) }
  static page<Model extends typeof FrontendModel>(this: Model, page: number): FrontendQuery<Model> { return new FrontendQuery(this).page(page) }
  static preload<Model extends typeof FrontendModel>(this: Model, preload: string | string[] | {[relationship: string]: unknown}): FrontendQuery<Model> { return new FrontendQuery(this).preload(preload) }
  static toArray<Model extends typeof FrontendModel>(this: Model): Promise<InstanceType<Model>[]> { return new FrontendQuery(this).toArray() }
  static count(): Promise<number> { return new FrontendQuery(this).count() }
  static pluck(...attributes: string[]): Promise<unknown[]> { return new FrontendQuery(this).pluck(...attributes) }

  static async find<Model extends typeof FrontendModel>(this: Model, id: string | number, options: {preload?: string | string[] | {[relationship: string]: unknown}} = {}): Promise<InstanceType<Model>> {
    const unknownKey = Object.keys(options).find((key) => key !== "preload")

    if (unknownKey) throw new FrontendModelError({errorMessage: `Unknown option '${unknownKey}' given to ${this.resource.modelName}.find(id, options). Valid options: preload`, errorType: "UnknownOptionError", status: 0})

    const {preload} = options
    const answer = await this.runCommand("find", preload === undefined ? {id} : {id, preload})

    return this.fromBackend(answer.model as BackendRecord)
  }

  static async create<Model extends typeof FrontendModel>(this: Model, attributes: Attributes = {}): Promise<InstanceType<Model>> {
    const record = new this(attributes) as InstanceType<Model>

    await record.save()

    return record
  }

  private recordAttributes: Attributes = {}
  private changedAttributes: Attributes = {}
  private preloaded: {[relationship: string]: FrontendModel | FrontendModel[] | null} = {}
  private persisted = false

  constructor(attributes: Attributes = {}) {
    this.assign(attributes)
  }

  getModel(): typeof FrontendModel {
    return this.constructor as typeof FrontendModel
  }

  private setBackendState(data: BackendRecord): void {
    this.recordAttributes = {...data.attributes}
    this.changedAttributes = {}
    this.persisted = true
    this.preloaded = {}

    for (const [name, value] of Object.entries(data.preloaded || {})) {
      const build = (each: BackendRecord) => {
        const Model = this.relatedModel(name)

        return Model ? Model.fromBackend(each) : each as unknown as FrontendModel
      }

      this.preloaded[name] = Array.isArray(value) ? value.map(build) : value ? build(value) : null
    }
  }

  private relatedModel(name: string): typeof FrontendModel | undefined {
    const relationships = (this.getModel() as unknown as {relationships?: {[name: string]: string}}).relationships

    return relationships?.[name] ? registry.get(relationships[name]) : undefined
  }

  private checkAttribute(name: string): void {
    if (!this.getModel().resource.attributes.includes(name)) {
      throw new FrontendModelError({errorMessage: `${this.getModel().resource.modelName} has no attribute '${name}' (the resource lists: ${this.getModel().resource.attributes.join(", ")})`, errorType: "UnknownAttributeError", status: 0})
    }
  }

  readAttribute(name: string): unknown {
    this.checkAttribute(name)

    return name in this.changedAttributes ? this.changedAttributes[name] : this.recordAttributes[name] ?? null
  }

  setAttribute(name: string, value: unknown): this {
    this.checkAttribute(name)
    this.changedAttributes[name] = value

    return this
  }

  assign(attributes: Attributes): this {
    for (const [name, value] of Object.entries(attributes)) this.setAttribute(name, value)

    return this
  }

  id(): unknown {
    return this.recordAttributes[this.getModel().resource.primaryKey] ?? null
  }

  attributes(): Attributes {
    return {...this.recordAttributes, ...this.changedAttributes}
  }

  /** Attributes set since load or save, and their new values. */
  changes(): Attributes {
    return {...this.changedAttributes}
  }

  isNewRecord(): boolean {
    return !this.persisted
  }

  isPersisted(): boolean {
    return this.persisted
  }

  /** A relationship the query preloaded (`User.preload("projects")`); throws when it was not. */
  relationship<Related extends FrontendModel = FrontendModel>(name: string): Related | Related[] | null {
    if (!(name in this.preloaded)) {
      throw new FrontendModelError({errorMessage: `${this.getModel().resource.modelName}'s '${name}' was not preloaded: query with .preload("${name}")`, errorType: "RelationshipNotLoadedError", status: 0})
    }

    return this.preloaded[name] as Related | Related[] | null
  }

  /** Creates the record when new, else sends the changed attributes. Validation errors come back as a FrontendModelError with validationErrors. */
  async save(): Promise<this> {
    const model = this.getModel()
    const answer = this.persisted
      ? await model.runCommand("update", {id: this.id(), attributes: this.changes()})
      : await model.runCommand("create", {attributes: this.changes()})

    this.setBackendState(answer.model as BackendRecord)

    return this
  }

  async update(attributes: Attributes): Promise<this> {
    this.assign(attributes)

    return await this.save()
  }

  async destroy(): Promise<this> {
    await this.getModel().runCommand("destroy", {id: this.id()})
    this.persisted = false

    return this
  }

  toJSON(): Attributes {
    return this.attributes()
  }
}
