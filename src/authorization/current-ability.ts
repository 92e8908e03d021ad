import type Ability from "./ability.js"

// The record layer stays free of Node imports (it runs in the browser too), so it reads the
// current ability through this global hook; request-ability.ts sets it from an AsyncLocalStorage.
const hookKey = Symbol.for("velocious.authorization.currentAbility")

type Hook = () => Ability | undefined

export function setCurrentAbilityHook(hook: Hook): void {
  (globalThis as unknown as {[key: symbol]: Hook})[hookKey] = hook
}

/** The ability of the request or websocket call being handled, if abilityResolver gave one. */
export function currentAbility(): Ability | undefined {
  return (globalThis as unknown as {[key: symbol]: Hook | undefined})[hookKey]?.()
}
