import type Record from "../index.js"
import type {DefineRelationshipArgs} from "./define-relationship.js"
import {UnknownRelationshipError, type RelationshipOptions, type RelationshipScope} from "./relationship.js"

/** `belongsTo(name, scope?, options?)`: the scope is optional, so a function second argument is it, anything else the options. */
export function relationshipArgs(name: string, scopeOrOptions?: RelationshipScope | RelationshipOptions, options?: RelationshipOptions): DefineRelationshipArgs {
  if (typeof scopeOrOptions === "function") return [name, scopeOrOptions, options || {}]

  return [name, undefined, scopeOrOptions || {}]
}

export function unknownRelationshipError(model: typeof Record, name: string): UnknownRelationshipError {
  const known = [...model.getRelationships().keys()].join(", ") || "none"

  return new UnknownRelationshipError(`${model.name} has no relationship '${name}' (relationships: ${known})`)
}
