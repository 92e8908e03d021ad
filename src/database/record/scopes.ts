import Query from "../query/index.js"
import type Record from "./index.js"

export type ScopeBody = (this: Query<any>, query: Query<any>, ...args: any[]) => Query<any>

/** Defines the scope on the model's own query class and on the model, so it starts and continues a chain. */
export function defineScope(model: typeof Record, name: string, body: ScopeBody): void {
  if (typeof body !== "function") throw new TypeError(`${model.name}.scope("${name}") needs a function that refines the query`)
  if (name in Query.prototype || name in model) throw new TypeError(`${model.name}.scope("${name}"): the name is taken by a built-in method; choose another`)

  Object.defineProperty(model.getQueryClass().prototype, name, {
    configurable: true,
    writable: true,
    value(this: Query<any>, ...args: unknown[]) { return body.call(this, this, ...args) || this }
  })
  Object.defineProperty(model, name, {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => (model.newQuery() as unknown as {[key: string]: (...args: unknown[]) => unknown})[name](...args)
  })
}
