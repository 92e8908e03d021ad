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

/** Runs the model's callbacks in the order they were declared, with the record as argument and as `this`. */
export async function runCallbacks(record: Record, name: CallbackName): Promise<void> {
  for (const callback of record.getModel().getCallbacks().get(name) || []) await callback.call(record, record)
}
