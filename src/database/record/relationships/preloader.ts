import type Record from "../index.js"
import type {PreloadTree} from "../../query/query-state.js"

/** Key values as the maps below compare them: a number and its text match, Dates by their instant. */
function key(value: unknown): unknown {
  if (typeof value === "string") return value

  return value instanceof Date ? value.toISOString() : String(value)
}

function sameKey(value: unknown): unknown {
  return value
}

/**
 * How both sides' keys are compared: as they are when they are all numbers (null aside), the
 * usual integer keys, which then match exactly when their text would; else by key().
 */
function keyFunction(ownerKeys: unknown[], relatedKeys: unknown[]): (value: unknown) => unknown {
  return allNumbers(ownerKeys) && allNumbers(relatedKeys) ? sameKey : key
}

// Indexed loops here and below rather than for...of: callgrind showed V8's array iterator called
// per value (about 100 instructions each) in a 100-task preload.
function allNumbers(values: unknown[]): boolean {
  for (let index = 0; index < values.length; index++) {
    const value = values[index]

    if (value !== null && typeof value !== "number") return false
  }

  return true
}

/** Reads one attribute of many records: the attribute is resolved to its column once, not per record. */
function attributeReader(model: typeof Record, attribute: string): (record: Record) => unknown {
  const column = model.getMetadata().columnFor(attribute)

  // Not a column (a translated attribute, or a mistake readAttribute() reports): as readAttribute() does it.
  return column === undefined ? (record) => record.readAttribute(attribute) : (record) => record.readColumn(column)
}

/** The distinct non-null values, in the order first seen. */
function distinctValues(values: unknown[]): unknown[] {
  const seen = new Set<unknown>()

  for (let index = 0; index < values.length; index++) {
    const value = values[index]

    if (value !== null) seen.add(value)
  }

  return [...seen]
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
    const ownerKeys = records.map(attributeReader(model, relationship.kind === "belongsTo" ? foreignKey : primaryKey))
    const keys = distinctValues(ownerKeys)
    let related: Record[]

    if (relationship.kind === "belongsTo") {
      related = keys.length === 0 ? [] : await relationship.applyScope(target.where({[primaryKey]: keys})).toArray()

      const relatedKeys = related.map(attributeReader(target, primaryKey))
      const keyOf = keyFunction(ownerKeys, relatedKeys)
      const byKey = new Map<unknown, Record>()

      for (let index = 0; index < related.length; index++) byKey.set(keyOf(relatedKeys[index]), related[index])
      for (let index = 0; index < records.length; index++) records[index].setLoadedRelationship(name, byKey.get(keyOf(ownerKeys[index])) ?? null)
    } else {
      related = keys.length === 0 ? [] : await relationship.applyScope(target.where({[foreignKey]: keys})).toArray()

      const relatedKeys = related.map(attributeReader(target, foreignKey))
      const keyOf = keyFunction(ownerKeys, relatedKeys)
      const byOwner = new Map<unknown, Record[]>()

      for (let index = 0; index < related.length; index++) {
        const ownerKey = keyOf(relatedKeys[index])
        const list = byOwner.get(ownerKey)

        if (list) list.push(related[index])
        else byOwner.set(ownerKey, [related[index]])
      }

      for (let index = 0; index < records.length; index++) {
        const list = byOwner.get(keyOf(ownerKeys[index]))

        records[index].setLoadedRelationship(name, relationship.kind === "hasMany" ? list ?? [] : list?.[0] ?? null)
      }
    }

    if (children !== true) await preloadRecords(target, related, children)
  }
}
