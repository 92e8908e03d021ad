import type Record from "../database/record/index.js"
import {AbilityDefinitionError} from "./errors.js"
import type {Rule, RuleConditions, RuleScope} from "./rule.js"

export type AbilityContext = {[key: string]: unknown}

export interface BaseResourceArgs {
  context: AbilityContext
  /** Where can() and cannot() put their rules (the ability's list). */
  rules: Rule[]
}

/**
 * One model's authorization rules: a subclass sets `static ModelClass` and defines them in
 * abilities() with can() and cannot(), reading who asks through the context readers.
 */
export default class BaseResource {
  static ModelClass: typeof Record | undefined

  private readonly resourceContext: AbilityContext
  private readonly rules: Rule[]

  constructor({context, rules}: BaseResourceArgs) {
    this.resourceContext = context
    this.rules = rules
  }

  /** Override: call can() and cannot() here. It runs once per ability, synchronously, the first time a rule is needed. */
  abilities(): void {}

  /** `this.can("read", User, {id: currentUser.id()})`; actions may be a list; "manage" is every action. */
  can(actions: string | string[], model: typeof Record, conditions?: RuleConditions | RuleScope): void {
    this.addRule("can", actions, model, conditions)
  }

  /** A rule that takes away what can() gave: wherever both match, the record is not accessible. */
  cannot(actions: string | string[], model: typeof Record, conditions?: RuleConditions | RuleScope): void {
    this.addRule("cannot", actions, model, conditions)
  }

  context(): AbilityContext {
    return this.resourceContext
  }

  currentUser<User = any>(): User | undefined {
    return this.resourceContext.currentUser as User | undefined
  }

  configuration<Configuration = any>(): Configuration | undefined {
    return this.resourceContext.configuration as Configuration | undefined
  }

  params<Params = {[key: string]: any}>(): Params {
    return (this.resourceContext.params || {}) as Params
  }

  request<Request = any>(): Request | undefined {
    return this.resourceContext.request as Request | undefined
  }

  response<Response = any>(): Response | undefined {
    return this.resourceContext.response as Response | undefined
  }

  private addRule(kind: Rule["kind"], actions: string | string[], model: typeof Record, conditions: RuleConditions | RuleScope | undefined): void {
    const resourceName = this.constructor.name
    const actionList = Array.isArray(actions) ? actions : [actions]

    if (actionList.length === 0 || actionList.some((action) => typeof action !== "string" || action === "")) {
      throw new AbilityDefinitionError(`${resourceName}: ${kind}() needs an action name or a list of them, e.g. ${kind}("read", User)`)
    }
    if (typeof model !== "function" || typeof (model as {newQuery?: unknown}).newQuery !== "function") {
      throw new AbilityDefinitionError(`${resourceName}: ${kind}("${actionList.join(", ")}", ...) needs a model class as its second argument, got ${String(model)}`)
    }
    if (conditions !== undefined && typeof conditions !== "function" && (typeof conditions !== "object" || conditions === null || Array.isArray(conditions))) {
      throw new AbilityDefinitionError(`${resourceName}: the conditions of ${kind}("${actionList.join(", ")}", ${model.name}) must be a where-hash or a scope callback, got ${JSON.stringify(conditions)}`)
    }

    this.rules.push({kind, actions: actionList, model, conditions})
  }
}
