import type Query from "../database/query/index.js"
import type Record from "../database/record/index.js"

/** `{id: 5}`, `{project: {accountId: 3}}`: a where-hash, nested hashes filter through relationships. */
export type RuleConditions = {[attribute: string]: unknown}
/** `(query) => query.where("tasks.due_at > ?", now)`: for what a hash cannot say; checked in SQL only. */
export type RuleScope = (this: Query<any>, query: Query<any>) => Query<any>

export interface Rule {
  kind: "can" | "cannot"
  actions: readonly string[]
  model: typeof Record
  /** undefined: every record of the model. */
  conditions: RuleConditions | RuleScope | undefined
}

/** "manage" stands for every action, as in CanCan. */
export const manageAction = "manage"

export function ruleCovers(rule: Rule, action: string, model: typeof Record): boolean {
  if (!rule.actions.includes(action) && !rule.actions.includes(manageAction)) return false

  return model === rule.model || model.prototype instanceof rule.model
}
