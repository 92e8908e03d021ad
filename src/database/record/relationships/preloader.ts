import type Record from "../index.js"
import type {PreloadTree} from "../../query/query-state.js"
import {compactIntegerSpan, distinctKeys, keyIndexFor} from "./key-index.js"

/**
 * One attribute of many records, in a plain loop: the attribute is resolved to its column once,
 * not per record, and no closure is called per record (a reader closure per record was about 9%
 * of the preloader's instructions, callgrind).
 */
function readKeys(model: typeof Record, records: Record[], attribute: string): unknown[] {
  const column = model.getMetadata().columnFor(attribute)
  const keys = new Array<unknown>(records.length)

  // Not a column (a translated attribute, or a mistake readAttribute() reports): as readAttribute() does it.
  if (column === undefined) {
    for (let index = 0; index < records.length; index++) keys[index] = records[index].readAttribute(attribute)
  } else {
    for (let index = 0; index < records.length; index++) keys[index] = smallIntegerAsSmi(records[index].readColumn(column))
  }

  return keys
}

/**
 * A whole number within 32 bits as V8's small integer. mysql2 reads BIGINT columns (the usual
 * ids and foreign keys) as heap numbers, 6.0 rather than 6, and an array of those is kept as
 * unboxed doubles: every later read of the key list (the distinct keys, the IN list's cast,
 * the compiled parameters, mysql2's encoding) boxed each id again, a heap number per read
 * (%DebugPrint showed HOLEY_DOUBLE_ELEMENTS). The same value, so nothing else changes.
 */
function smallIntegerAsSmi(value: unknown): unknown {
  return typeof value === "number" && (value | 0) === value ? value | 0 : value
}

/** Loads each relationship of the tree with one query per level and attaches the results to the records. */
export async function preloadRecords(model: typeof Record, records: Record[], tree: PreloadTree): Promise<void> {
  if (records.length === 0) return

  for (const name in tree) {
    const children = tree[name]
    const relationship = model.getRelationshipOrFail(name)
    const target = relationship.targetModel()
    const foreignKey = relationship.foreignKey()
    const primaryKey = relationship.primaryKey()
    // The owners' side of the key: their foreign key for belongsTo, their primary key otherwise.
    const ownerKeys = readKeys(model, records, relationship.kind === "belongsTo" ? foreignKey : primaryKey)
    const ownerSpan = compactIntegerSpan(ownerKeys)
    const keys = distinctKeys(ownerKeys, ownerSpan)
    let related: Record[]

    if (relationship.kind === "belongsTo") {
      related = keys.length === 0 ? [] : await relationship.applyScope(target.where({[primaryKey]: keys})).toArray()

      const relatedKeys = readKeys(target, related, primaryKey)
      const byKey = keyIndexFor<Record>(ownerKeys, ownerSpan, relatedKeys)

      for (let index = 0; index < related.length; index++) byKey.set(relatedKeys[index], related[index])
      for (let index = 0; index < records.length; index++) records[index].setLoadedRelationship(name, byKey.get(ownerKeys[index]) ?? null)
    } else {
      related = keys.length === 0 ? [] : await relationship.applyScope(target.where({[foreignKey]: keys})).toArray()

      const relatedKeys = readKeys(target, related, foreignKey)
      const byOwner = keyIndexFor<Record[]>(ownerKeys, ownerSpan, relatedKeys)

      for (let index = 0; index < related.length; index++) {
        const ownerKey = relatedKeys[index]
        const list = byOwner.get(ownerKey)

        if (list) list.push(related[index])
        else byOwner.set(ownerKey, [related[index]])
      }

      for (let index = 0; index < records.length; index++) {
        const list = byOwner.get(ownerKeys[index])

        records[index].setLoadedRelationship(name, relationship.kind === "hasMany" ? list ?? [] : list?.[0] ?? null)
      }
    }

    if (children !== true) await preloadRecords(target, related, children)
  }
}
