import type Record from "../index.js"
import type Query from "../../query/index.js"
import {DatabaseError} from "../../drivers/base/errors.js"
import {modelByName} from "../model-registry.js"
import {underscore} from "../../../utils/inflection.js"

export type RelationshipKind = "belongsTo" | "hasMany" | "hasOne"
export type RelationshipScope = (this: Query<any>, query: Query<any>) => Query<any>

export interface RelationshipOptions {
  className?: string
  foreignKey?: string
  primaryKey?: string
  dependent?: "destroy"
}

export const relationshipOptionKeys = ["className", "foreignKey", "primaryKey", "dependent"]

export class UnknownRelationshipError extends DatabaseError {
  override name = "UnknownRelationshipError"
}

/** One declared relationship; the kind-specific modules know how to join, load and preload it. */
export default class Relationship {
  readonly owner: typeof Record
  readonly kind: RelationshipKind
  readonly name: string
  readonly scope: RelationshipScope | undefined
  readonly options: RelationshipOptions
  private readonly targetClassName: string
  private defaultForeignKey: string | undefined

  constructor({owner, kind, name, scope, options, defaultClassName}: {owner: typeof Record, kind: RelationshipKind, name: string, scope?: RelationshipScope, options: RelationshipOptions, defaultClassName: string}) {
    this.owner = owner
    this.kind = kind
    this.name = name
    this.scope = scope
    this.options = options
    this.targetClassName = options.className || defaultClassName
  }

  targetModel(): typeof Record {
    const model = modelByName(this.targetClassName)

    if (!model) {
      throw new UnknownRelationshipError(`${this.owner.name}.${this.kind}("${this.name}") points at model ${this.targetClassName}, which is not loaded. Define it in src/models, or pass {className: "..."}`)
    }

    return model
  }

  /** The column on the table that holds the reference: the owner's for belongsTo, the target's otherwise. */
  foreignKey(): string {
    if (this.options.foreignKey) return this.options.foreignKey

    // Worked out once: preloading and joins ask for it on every query.
    return this.defaultForeignKey ??= this.kind === "belongsTo" ? `${underscore(this.name)}_id` : `${underscore(this.owner.name)}_id`
  }

  /** The column the foreign key points at: the target's primary key for belongsTo, the owner's otherwise. */
  primaryKey(): string {
    if (this.options.primaryKey) return this.options.primaryKey

    return this.kind === "belongsTo" ? this.targetModel().primaryKey : this.owner.primaryKey
  }

  applyScope<Model extends typeof Record>(query: Query<Model>): Query<Model> {
    if (!this.scope) return query

    return this.scope.call(query, query) || query
  }
}
