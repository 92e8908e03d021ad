import type Record from "../index.js"
import {checkKeys} from "../../../utils/check-keys.js"
import {classify, singularize} from "../../../utils/inflection.js"
import Relationship, {relationshipOptionKeys, type RelationshipKind, type RelationshipOptions, type RelationshipScope} from "./relationship.js"
import {defineBelongsToMethods} from "./belongs-to.js"
import {defineHasManyMethods} from "./has-many.js"
import {defineHasOneMethods} from "./has-one.js"
import {notLoadedError} from "./relationship-errors.js"

export type DefineRelationshipArgs = [name: string, scope: RelationshipScope | undefined, options: RelationshipOptions]

const definers = {belongsTo: defineBelongsToMethods, hasMany: defineHasManyMethods, hasOne: defineHasOneMethods}

export function defineRelationship(owner: typeof Record, kind: RelationshipKind, name: string, scope: RelationshipScope | undefined, options: RelationshipOptions): Relationship {
  checkKeys(options, relationshipOptionKeys, `${owner.name}.${kind}("${name}")`)

  if (options.dependent && options.dependent !== "destroy") throw new TypeError(`${owner.name}.${kind}("${name}"): dependent supports "destroy"`)
  if (options.dependent && kind === "belongsTo") throw new TypeError(`${owner.name}.belongsTo("${name}"): dependent belongs on the hasMany/hasOne side`)

  const defaultClassName = kind === "hasMany" ? classify(singularize(name)) : classify(name)
  const relationship = new Relationship({owner, kind, name, scope, options, defaultClassName})

  owner.getRelationships().set(name, relationship)
  definers[kind](owner, relationship)

  return relationship
}

/** Defines an instance method unless the class already has one by that name. */
export function defineMethod(owner: typeof Record, name: string, method: (this: Record, ...args: any[]) => unknown): void {
  const prototype = owner.prototype as unknown as {[key: string]: unknown}

  if (Object.hasOwn(prototype, name)) return

  Object.defineProperty(prototype, name, {configurable: true, writable: true, value: method})
}

/** `task.project()`: the loaded value, or an error saying how to load it (never a hidden query). */
export function defineLoadedReader(owner: typeof Record, name: string): void {
  defineMethod(owner, name, function(this: Record) {
    const {loaded, value} = this.getLoadedRelationship(name)

    if (!loaded) throw notLoadedError(owner.name, name)

    return value
  })
}
