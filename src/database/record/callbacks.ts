import type Record from "./index.js"

export type CallbackName =
  "beforeValidation" | "beforeSave" | "afterSave" | "beforeCreate" | "afterCreate" |
  "beforeUpdate" | "afterUpdate" | "beforeDestroy" | "afterDestroy" | "afterCommit"

export type Callback = (this: any, record: any) => unknown

export function addCallback(model: typeof Record, name: CallbackName, callback: Callback): void {
  if (typeof callback !== "function") throw new TypeError(`${model.name}.${name}() needs a function, got ${typeof callback}`)

  const callbacks = model.getCallbacks()

  callbacks.set(name, [...(callbacks.get(name) || []), callback])
}

export function hasCallbacks(model: typeof Record, name: CallbackName): boolean {
  const callbacks = model.getCallbacks().get(name)

  return callbacks !== undefined && callbacks.length > 0
}

/**
 * Runs the model's callbacks in the order they were declared, with the record as argument and as
 * `this`. With none declared it returns at once, without a promise: a save asks for six kinds.
 */
export function runCallbacks(record: Record, name: CallbackName): Promise<void> | undefined {
  const callbacks = record.getModel().getCallbacks().get(name)

  return callbacks !== undefined && callbacks.length > 0 ? runEach(record, callbacks) : undefined
}

async function runEach(record: Record, callbacks: Callback[]): Promise<void> {
  for (const callback of callbacks) await callback.call(record, record)
}
