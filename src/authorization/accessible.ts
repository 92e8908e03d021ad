import type Query from "../database/query/index.js"
import type Record from "../database/record/index.js"
import type Ability from "./ability.js"
import {currentAbility} from "./current-ability.js"
import {NoCurrentAbilityError} from "./errors.js"

/** Model.accessible(ability?, action?) or Model.accessible(action): the given ability, else the current request's. */
export function accessibleFor<Model extends typeof Record>(query: Query<Model>, abilityOrAction: Ability | string | undefined, givenAction: string | undefined): Query<Model> {
  const ability = typeof abilityOrAction === "string" ? undefined : abilityOrAction
  const action = typeof abilityOrAction === "string" ? abilityOrAction : givenAction ?? "read"
  const resolved = ability ?? currentAbility()

  if (!resolved) {
    throw new NoCurrentAbilityError(`${query.model.name}.accessible() has no ability: pass one (${query.model.name}.accessible(ability)), or call it while handling a request with abilityResolver configured`)
  }
  if (typeof (resolved as {applyTo?: unknown}).applyTo !== "function") {
    throw new NoCurrentAbilityError(`${query.model.name}.accessible() needs an Ability (velocious/build/src/authorization/ability.js), got ${String(resolved)}`)
  }
  if (typeof action !== "string" || action === "") throw new NoCurrentAbilityError(`${query.model.name}.accessible(ability, action): action must be a name such as "read" or "update"`)

  return resolved.applyTo(query, action)
}
