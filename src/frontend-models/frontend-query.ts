// Browser-safe: bundled with the generated models.
import type FrontendModel from "./base-frontend-model.js"

type Where = {[attribute: string]: unknown}
type Order = string | {[attribute: string]: "asc" | "desc"}
type Preload = string | string[] | {[relationship: string]: unknown}

export interface FrontendQueryState {
  where?: Where
  order?: Order[]
  limit?: number
  offset?: number
  page?: number
  perPage?: number
  preload?: Preload
}

/** `User.where({...}).order({name: "asc"}).limit(5).toArray()`: built up in the browser, run by the backend's index command. */
export default class FrontendQuery<Model extends typeof FrontendModel> {
  constructor(readonly model: Model, private readonly state: FrontendQueryState = {}) {}

  private derive(changes: FrontendQueryState): FrontendQuery<Model> {
    return new FrontendQuery(this.model, {...this.state, ...changes})
  }

  where(conditions: Where): FrontendQuery<Model> {
    return this.derive({where: {...this.state.where, ...conditions}})
  }

  order(order: Order): FrontendQuery<Model> {
    return this.derive({order: [...(this.state.order || []), order]})
  }

  limit(limit: number): FrontendQuery<Model> { return this.derive({limit}) }
  offset(offset: number): FrontendQuery<Model> { return this.derive({offset}) }
  page(page: number): FrontendQuery<Model> { return this.derive({page}) }
  perPage(perPage: number): FrontendQuery<Model> { return this.derive({perPage}) }
  preload(preload: Preload): FrontendQuery<Model> { return this.derive({preload}) }

  /** The state as the index command takes it. */
  toParams(): FrontendQueryState {
    return {...this.state}
  }

  async toArray(): Promise<InstanceType<Model>[]> {
    const answer = await this.model.runCommand("index", {...this.state})

    return (answer.models as any[]).map((data) => this.model.fromBackend(data) as InstanceType<Model>)
  }

  async first(): Promise<InstanceType<Model> | null> {
    return (await this.limit(1).toArray())[0] ?? null
  }

  async count(): Promise<number> {
    const {where} = this.state
    const answer = await this.model.runCommand("count", where ? {where} : {})

    return answer.count as number
  }

  /** One attribute gives a flat list; several give a list per record. */
  async pluck(...attributes: string[]): Promise<unknown[]> {
    const {preload: _preload, ...state} = this.state
    const answer = await this.model.runCommand("pluck", {...state, attributes: attributes.length === 1 ? attributes[0] : attributes})

    return answer.values as unknown[]
  }
}
