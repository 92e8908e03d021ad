/**
 * Per-class state of a model, kept under symbols on the class itself: a subclass reads its own
 * slot, never its parent's (see Slot), so `class Task extends Record` shares nothing with
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
export const loadedRecordKey = Symbol("velocious.record.loadedRecord")

/**
 * A value with the class it belongs to. A subclass inherits its parent's static properties, so
 * a slot read through the class is its own only when `owner` is that class: a property read and a
 * compare, which the engine makes fast, where Object.hasOwn() on a class was a measurable part
 * of every create (the metadata alone is asked for a dozen times).
 */
interface Slot {
  owner: object
  value: unknown
}

type ModelStatics = {[key: symbol]: Slot | undefined}

/**
 * The model's own value under key, made with create(model) the first time it is asked for. Hot
 * callers pass a module-level function, so asking makes no closure.
 */
export function own<Value, Model extends object>(model: Model, key: symbol, create: (model: Model) => Value): Value {
  const slot = (model as ModelStatics)[key]

  if (slot !== undefined && slot.owner === model) return slot.value as Value

  const value = create(model)

  setOwn(model, key, value)

  return value
}

/** The model's own value under key, or undefined when only a parent class (or nobody) set one. */
export function ownValue<Value>(model: object, key: symbol): Value | undefined {
  const slot = (model as ModelStatics)[key]

  return slot !== undefined && slot.owner === model ? slot.value as Value : undefined
}

export function setOwn(model: object, key: symbol, value: unknown): void {
  (model as ModelStatics)[key] = {owner: model, value}
}
