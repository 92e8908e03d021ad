import type Record from "../index.js"
import type Relationship from "./relationship.js"
import {defineMethod} from "./define-relationship.js"
import {capitalize} from "../../../utils/inflection.js"
import {relatedQuery} from "./has-one.js"
import {notLoadedError} from "./relationship-errors.js"

/** What `project.tasks()` returns: the loaded records, a query for them, and building through the relationship. */
export class HasManyRelation<Target extends Record = Record> {
  constructor(private readonly owner: Record, private readonly relationship: Relationship) {}

  loaded(): Target[] {
    const {loaded, value} = this.owner.getLoadedRelationship(this.relationship.name)

    if (!loaded) throw notLoadedError(this.owner.getModel().name, this.relationship.name)

    return value as Target[]
  }

  isLoaded(): boolean {
    return this.owner.getLoadedRelationship(this.relationship.name).loaded
  }

  query() {
    return relatedQuery(this.owner, this.relationship)
  }

  async toArray(): Promise<Target[]> {
    return await this.query().toArray() as Target[]
  }

  count(): Promise<number> {
    return this.query().count()
  }

  where(conditions: string | {[key: string]: unknown}, ...values: unknown[]) {
    return this.query().where(conditions, ...values)
  }

  build(attributes: {[key: string]: unknown} = {}): Target {
    const target = this.relationship.targetModel()
    const built = new target({...attributes, [this.relationship.foreignKey()]: this.owner.readAttribute(this.relationship.primaryKey())}) as Target
    const {loaded, value} = this.owner.getLoadedRelationship(this.relationship.name)

    if (loaded) this.owner.setLoadedRelationship(this.relationship.name, [...(value as Target[]), built])

    return built
  }

  async create(attributes: {[key: string]: unknown} = {}): Promise<Target> {
    const built = this.build(attributes)

    await built.save()

    return built
  }
}

/** `project.tasks()` (a HasManyRelation) and `await project.loadTasks()` */
export function defineHasManyMethods(owner: typeof Record, relationship: Relationship): void {
  const name = relationship.name

  defineMethod(owner, name, function(this: Record) {
    return new HasManyRelation(this, relationship)
  })

  defineMethod(owner, `load${capitalize(name)}`, async function(this: Record) {
    const records = await relatedQuery(this, relationship).toArray()

    this.setLoadedRelationship(name, records)

    return records
  })
}
