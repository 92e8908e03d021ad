import type Record from "../index.js"
import type {PreloadTree} from "../../query/query-state.js"

function key(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value)
}

/** Loads each relationship of the tree with one query per level and attaches the results to the records. */
export async function preloadRecords(model: typeof Record, records: Record[], tree: PreloadTree): Promise<void> {
  if (records.length === 0) return

  for (const [name, children] of Object.entries(tree)) {
    const relationship = model.getRelationshipOrFail(name)
    const target = relationship.targetModel()
    const foreignKey = relationship.foreignKey()
    const primaryKey = relationship.primaryKey()
    let related: Record[]

    if (relationship.kind === "belongsTo") {
      const keys = [...new Set(records.map((record) => record.readAttribute(foreignKey)).filter((value) => value !== null))]

      related = keys.length === 0 ? [] : await relationship.applyScope(target.where({[primaryKey]: keys})).toArray()

      const byKey = new Map(related.map((each) => [key(each.readAttribute(primaryKey)), each]))

      for (const record of records) record.setLoadedRelationship(name, byKey.get(key(record.readAttribute(foreignKey))) ?? null)
    } else {
      const keys = [...new Set(records.map((record) => record.readAttribute(primaryKey)).filter((value) => value !== null))]

      related = keys.length === 0 ? [] : await relationship.applyScope(target.where({[foreignKey]: keys})).toArray()

      const byOwner = new Map<string, Record[]>()

      for (const each of related) {
        const ownerKey = key(each.readAttribute(foreignKey))

        byOwner.set(ownerKey, [...(byOwner.get(ownerKey) || []), each])
      }

      for (const record of records) {
        const list = byOwner.get(key(record.readAttribute(primaryKey))) || []

        record.setLoadedRelationship(name, relationship.kind === "hasMany" ? list : list[0] ?? null)
      }
    }

    if (children !== true) await preloadRecords(target, related, children)
  }
}
