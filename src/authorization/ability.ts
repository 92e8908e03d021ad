import type Query from "../database/query/index.js"
import type Record from "../database/record/index.js"
import {checkKeys} from "../utils/check-keys.js"
import BaseResource, {type AbilityContext} from "./base-resource.js"
import {AbilityDefinitionError, AccessDeniedError} from "./errors.js"
import {recordMatches} from "./record-matches.js"
import {ruleCovers, type Rule} from "./rule.js"
import {accessibleQuery} from "./rules-sql.js"

export type {AbilityContext} from "./base-resource.js"

export interface AbilityArgs {
  /** What the resources read through currentUser(), params(), request(), ...: usually built per request by abilityResolver. */
  context?: AbilityContext
  resources?: (typeof BaseResource)[]
}

/**
 * What one user may do: the rules the resources' abilities() define, asked for records in
 * memory (can) or applied to a query in SQL (Model.accessible). A record is accessible for an
 * action when a can() rule matches it and no cannot() rule does; without rules, nothing is.
 */
export default class Ability {
  private readonly abilityContext: AbilityContext
  private readonly resources: readonly (typeof BaseResource)[]
  private loadedRules: Rule[] | undefined

  constructor(args: AbilityArgs = {}) {
    checkKeys(args, ["context", "resources"], "new Ability()")

    const {context = {}, resources = []} = args

    if (typeof context !== "object" || context === null) throw new AbilityDefinitionError("new Ability({context}): context must be an object, e.g. {currentUser}")
    if (!Array.isArray(resources)) throw new AbilityDefinitionError("new Ability({resources}): resources must be a list of BaseResource subclasses")

    for (const resource of resources) {
      if (typeof resource !== "function" || !(resource.prototype instanceof BaseResource)) {
        throw new AbilityDefinitionError(`new Ability({resources}): ${String((resource as {name?: string})?.name || resource)} is not a class extending BaseResource (velocious/build/src/authorization/base-resource.js)`)
      }
    }

    this.abilityContext = context
    this.resources = resources
  }

  getContext(): AbilityContext {
    return this.abilityContext
  }

  currentUser<User = any>(): User | undefined {
    return this.abilityContext.currentUser as User | undefined
  }

  /** Every rule, from each resource's abilities(), worked out the first time one is needed. */
  rules(): readonly Rule[] {
    if (this.loadedRules) return this.loadedRules

    const rules: Rule[] = []

    for (const Resource of this.resources) {
      const resource = new Resource({context: this.abilityContext, rules})
      const result = resource.abilities() as unknown

      if (result && typeof (result as Promise<unknown>).then === "function") {
        throw new AbilityDefinitionError(`${Resource.name}.abilities() returned a promise: rules are defined synchronously. Load what they need (the current user) in abilityResolver and pass it in the context`)
      }
    }

    this.loadedRules = rules

    return rules
  }

  rulesFor(action: string, model: typeof Record): Rule[] {
    return this.rules().filter((rule) => ruleCovers(rule, action, model))
  }

  /**
   * For a record: whether the rules grant `action` on it, checked in memory. For a model class:
   * whether any can() rule gives the action on some of its records (as CanCan's can?(:read, User)).
   */
  can(action: string, subject: Record | typeof Record): boolean {
    if (typeof subject === "function") {
      const rules = this.rulesFor(action, subject)

      return rules.some((rule) => rule.kind === "can") && !rules.some((rule) => rule.kind === "cannot" && rule.conditions === undefined)
    }

    const rules = this.rulesFor(action, subject.getModel())
    const matches = (rule: Rule) => {
      if (rule.conditions === undefined) return true
      if (typeof rule.conditions === "function") {
        throw new AbilityDefinitionError(`A ${rule.kind}("${rule.actions.join(", ")}", ${rule.model.name}) rule is a scope callback, which only SQL can check: use ${rule.model.name}.accessible(ability, "${action}").where({id}).exists(), or a where-hash rule`)
      }

      return recordMatches(subject, rule.conditions)
    }

    return rules.some((rule) => rule.kind === "can" && matches(rule)) && !rules.some((rule) => rule.kind === "cannot" && matches(rule))
  }

  cannot(action: string, subject: Record | typeof Record): boolean {
    return !this.can(action, subject)
  }

  /** can(), throwing AccessDeniedError when the answer is no. */
  authorize(action: string, subject: Record | typeof Record): void {
    if (this.can(action, subject)) return

    const name = typeof subject === "function" ? subject.name : `${subject.getModel().name} ${String(subject.id())}`

    throw new AccessDeniedError(`Not authorized to ${action} ${name}`)
  }

  /** The query narrowed in SQL to the records the rules grant `action` on. Model.accessible() calls this. */
  applyTo<Model extends typeof Record>(query: Query<Model>, action = "read"): Query<Model> {
    return accessibleQuery(query, this.rulesFor(action, query.model))
  }
}
