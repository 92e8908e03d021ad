import type Record from "../index.js"
import type Relationship from "./relationship.js"
import {defineLoadedReader, defineMethod} from "./define-relationship.js"
import {capitalize} from "../../../utils/inflection.js"

export function relatedQuery(record: Record, relationship: Relationship) {
  const target = relationship.targetModel()

  return relationship.applyScope(target.where({[relationship.foreignKey()]: record.readAttribute(relationship.primaryKey())}))
}

/** `project.projectDetail()`, `await project.loadProjectDetail()`, `project.buildProjectDetail({...})`, `await project.createProjectDetail({...})` */
export function defineHasOneMethods(owner: typeof Record, relationship: Relationship): void {
  const name = relationship.name
  const Name = capitalize(name)

  defineLoadedReader(owner, name)

  defineMethod(owner, `load${Name}`, async function(this: Record) {
    const value = await relatedQuery(this, relationship).first()

    this.setLoadedRelationship(name, value)

    return value
  })

  defineMethod(owner, `build${Name}`, function(this: Record, attributes: {[key: string]: unknown} = {}) {
    const built = new (relationship.targetModel())({...attributes, [relationship.foreignKey()]: this.readAttribute(relationship.primaryKey())})

    this.setLoadedRelationship(name, built)

    return built
  })

  defineMethod(owner, `create${Name}`, async function(this: Record, attributes: {[key: string]: unknown} = {}) {
    const built = (this as unknown as {[key: string]: (attributes: unknown) => Record})[`build${Name}`](attributes)

    await built.save()

    return built
  })
}
