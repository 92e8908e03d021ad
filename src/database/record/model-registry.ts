import type Record from "./index.js"

type ModelClass = typeof Record

const registryKey = Symbol.for("velocious.record.models")
const globalStore = globalThis as unknown as {[key: symbol]: Map<string, ModelClass> | undefined}
const models: Map<string, ModelClass> = globalStore[registryKey] ||= new Map()

export function registerModel(model: ModelClass): void {
  models.set(model.name, model)
}

export function modelByName(name: string): ModelClass | undefined {
  return models.get(name)
}

export function modelByTableName(tableName: string): ModelClass | undefined {
  for (const model of models.values()) if (model.getTableName() === tableName) return model

  return undefined
}

export function registeredModels(): ModelClass[] {
  return [...models.values()]
}
