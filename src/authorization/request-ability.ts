import type Configuration from "../configuration.js"
import type Ability from "./ability.js"
import {setCurrentAbilityHook} from "./current-ability.js"
import ScopedStorage from "../utils/scoped-storage.js"

const storage = new ScopedStorage<Ability>()

setCurrentAbilityHook(() => storage.getStore())

/** Runs `callback` with `ability` as the current one for everything it awaits (Model.accessible() without argument). */
export function withAbility<Result>(ability: Ability, callback: () => Result): Result {
  return storage.run(ability, callback)
}

export interface RequestAbilityArgs {
  params: unknown
  request: unknown
  response: unknown
}

/**
 * Asks the configuration's abilityResolver once for the request (HTTP or websocket call) and
 * runs the action with its answer as the current ability. The resolver runs before the action
 * so it may be async (load the user from the session); without a resolver nothing is added.
 */
export async function withRequestAbility<Result>(configuration: Configuration, {params, request, response}: RequestAbilityArgs, callback: () => Result | Promise<Result>): Promise<Result> {
  const resolver = configuration.options.abilityResolver

  if (!resolver) return await callback()

  const ability = await resolver({configuration, params, request, response}) as Ability | undefined

  if (!ability) return await callback()

  return await storage.run(ability, callback)
}
