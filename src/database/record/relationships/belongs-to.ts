import type Record from "../index.js"
import type Relationship from "./relationship.js"
import {defineLoadedReader, defineMethod} from "./define-relationship.js"
import {capitalize} from "../../../utils/inflection.js"

/** `task.project()`, `await task.loadProject()`, `task.setProject(project)`, `await task.createProject({...})` */
export function defineBelongsToMethods(owner: typeof Record, relationship: Relationship): void {
  const name = relationship.name
  const Name = capitalize(name)

  defineLoadedReader(owner, name)

  defineMethod(owner, `load${Name}`, async function(this: Record) {
    const key = this.readAttribute(relationship.foreignKey())
    const target = relationship.targetModel()
    const value = key === null ? null : await relationship.applyScope(target.where({[relationship.primaryKey()]: key})).first()

    this.setLoadedRelationship(name, value)

    return value
  })

  defineMethod(owner, `set${Name}`, function(this: Record, value: Record | null) {
    this.writeAttribute(relationship.foreignKey(), value ? value.readAttribute(relationship.primaryKey()) : null)
    this.setLoadedRelationship(name, value)

    return value
  })

  defineMethod(owner, `create${Name}`, async function(this: Record, attributes: {[key: string]: unknown} = {}) {
    const created = await relationship.targetModel().create(attributes)

    ;(this as unknown as {[key: string]: (value: unknown) => void})[`set${Name}`](created)

    return created
  })
}
