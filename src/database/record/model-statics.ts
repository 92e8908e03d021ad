/**
 * Per-class state of a model, kept under symbols on the class itself: a subclass reads its own
 * slot, never its parent's (Object.hasOwn), so `class Task extends Record` shares nothing with
 * another model.
 */
export const metadataKey = Symbol("velocious.record.metadata")
export const tableNameKey = Symbol("velocious.record.tableName")
export const defaultTableNameKey = Symbol("velocious.record.defaultTableName")
export const relationshipsKey = Symbol("velocious.record.relationships")
export const validationsKey = Symbol("velocious.record.validations")
export const callbacksKey = Symbol("velocious.record.callbacks")
export const configurationKey = Symbol("velocious.record.configuration")
export const initializeHooksKey = Symbol("velocious.record.initializeHooks")
export const queryClassKey = Symbol("velocious.record.queryClass")

type ModelStatics = {[key: symbol]: unknown}

/** The model's own value under key, made with create() the first time it is asked for. */
export function own<Value>(model: object, key: symbol, create: () => Value): Value {
  const statics = model as ModelStatics

  if (!Object.hasOwn(model, key)) statics[key] = create()

  return statics[key] as Value
}

/** The model's own value under key, or undefined when only a parent class (or nobody) set one. */
export function ownValue<Value>(model: object, key: symbol): Value | undefined {
  return Object.hasOwn(model, key) ? (model as ModelStatics)[key] as Value : undefined
}

export function setOwn(model: object, key: symbol, value: unknown): void {
  (model as ModelStatics)[key] = value
}
