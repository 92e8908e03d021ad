import type Record from "./index.js"

type Attributes = {[name: string]: unknown}

/** The record matching the conditions, or a new, unsaved one with them (passed to the callback first). */
export async function findOrInitializeBy<Model extends typeof Record>(model: Model, conditions: Attributes, callback?: (record: InstanceType<Model>) => unknown): Promise<InstanceType<Model>> {
  const existing = await model.newQuery().findBy(conditions)

  if (existing) return existing

  const record = new model(conditions) as InstanceType<Model>

  if (callback) await callback(record)

  return record
}

/** findOrInitializeBy(), through the model so an override of it is used, then saved when new. */
export async function findOrCreateBy<Model extends typeof Record>(model: Model, conditions: Attributes, callback?: (record: InstanceType<Model>) => unknown): Promise<InstanceType<Model>> {
  const record = await (model as typeof Record).findOrInitializeBy.call(model, conditions, callback as never) as InstanceType<Model>

  if (record.isNewRecord()) await record.save()

  return record
}
