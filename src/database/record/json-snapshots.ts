import type ModelMetadata from "./model-metadata.js"

type Attributes = {[name: string]: unknown}

/*
 * A json attribute's value is an object or array the app can change in place
 * (`record.settings().tags.push("x")`), which neither a setter nor the persisted snapshot (a
 * shallow copy sharing the object) sees, so save() wrote nothing and the change was lost until
 * 2026-12. As Rails does for its mutable types, a record keeps the JSON text of each persisted
 * json value and compares it with the value's text now.
 *
 * The text is taken when the value is first handed out (read, attributes()), not when it is
 * loaded: a loaded value nobody has read cannot have changed, and a query can load thousands
 * of records whose json is never read. Values the app may already hold (saved ones) are taken
 * at once.
 */

/** The texts of every json value in freshly persisted attributes, or undefined when there are none. */
export function jsonSnapshotsOf(metadata: ModelMetadata, attributes: Attributes): Attributes | undefined {
  let snapshots: Attributes | undefined

  for (const name of metadata.jsonColumnNames) {
    const value = attributes[name]

    if (typeof value === "object" && value !== null) (snapshots ??= {})[name] = JSON.stringify(value)
  }

  return snapshots
}

/**
 * The snapshots with `name`'s text added when `value` is its persisted json value being handed
 * out for the first time. `original` is the record's persisted snapshot: undefined while nothing
 * was written since, else a value other than the persisted one was assigned and is no snapshot.
 */
export function noteJsonExposure(metadata: ModelMetadata, snapshots: Attributes | undefined, original: Attributes | undefined, name: string, value: object): Attributes | undefined {
  if (!metadata.jsonColumnNames.has(name)) return snapshots
  if (original !== undefined && original[name] !== value) return snapshots
  if (snapshots !== undefined && name in snapshots) return snapshots

  const next = snapshots ?? {}

  next[name] = JSON.stringify(value)

  return next
}

/** changes() corrected for json values: changed exactly when their text differs from the persisted text. */
export function withJsonChanges(changes: {[column: string]: [unknown, unknown]}, snapshots: Attributes | undefined, attributes: Attributes): {[column: string]: [unknown, unknown]} {
  if (snapshots === undefined) return changes

  for (const name in snapshots) {
    const text = snapshots[name] as string
    const value = attributes[name]

    if ((value === null || value === undefined ? undefined : JSON.stringify(value)) === text) delete changes[name]
    else changes[name] = [JSON.parse(text), value ?? null]
  }

  return changes
}
