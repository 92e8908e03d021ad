import {castDeferred, castForDatabase, castFromDatabase, isDeferredCast} from "./attribute-casting.js"
import type {ColumnInfo} from "../drivers/base/introspection-types.js"
import {UnknownAttributeError} from "./errors.js"
import type Record from "./index.js"
import {writeTranslatedAttribute} from "./translations/define-translations.js"
import {capitalize} from "../../utils/inflection.js"

type Attributes = {[name: string]: unknown}
type ColumnsByName = Map<string, ColumnInfo>

/** A value as it reads back after a save, so an assigned "3" for an integer column reads 3 at once. */
export function castOnAssign(column: ColumnInfo | undefined, value: unknown): unknown {
  return castFromDatabase(column, castForDatabase(column, value))
}

/**
 * The deferred datetime text of one attribute, cast and stored back. Stored back even while the
 * original attributes share the object: the Date is the same value.
 */
export function castDeferredAttribute(columnsByName: ColumnsByName, attributes: Attributes, column: string, value: string): unknown {
  const info = columnsByName.get(column)

  if (!isDeferredCast(info, value)) return value

  const cast = castFromDatabase(info, value)

  attributes[column] = cast

  return cast
}

/** Casts every deferred value, in the current attributes and the persisted snapshot alike. */
export function resolveDeferredAttributes(columnsByName: ColumnsByName, attributes: Attributes, original: Attributes | undefined): void {
  castDeferred(columnsByName, attributes)
  if (original) castDeferred(columnsByName, original)
}

/** assign() for a name that isn't a column: a relationship's setter or a translated attribute, else an error. */
export function assignNonColumn(record: Record, name: string, value: unknown): void {
  const model = record.getModel()
  const relationship = model.getRelationships().get(name)
  const setter = `set${capitalize(name)}`

  if (relationship && typeof (record as unknown as Attributes)[setter] === "function") {
    (record as unknown as {[key: string]: (value: unknown) => void})[setter](value)

    return
  }

  if (writeTranslatedAttribute(record, name, value)) return

  throw new UnknownAttributeError(`${model.name} has no attribute '${name}' (columns: ${model.getMetadata().columnNames().join(", ")})`)
}

/** Column name → [before, after] for every attribute that differs from the persisted snapshot. */
export function attributeChanges(original: Attributes | undefined, attributes: Attributes): {[column: string]: [unknown, unknown]} {
  const changes: {[column: string]: [unknown, unknown]} = {}

  if (!original) return changes

  for (const [column, value] of Object.entries(attributes)) {
    const before = original[column]

    if (!sameValue(before, value)) changes[column] = [before ?? null, value]
  }

  return changes
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return JSON.stringify(a) === JSON.stringify(b)

  return Object.is(a ?? null, b ?? null)
}
