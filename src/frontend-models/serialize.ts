import type Ability from "../authorization/ability.js"
import type Record from "../database/record/index.js"
import {relatedResource, type CheckedPreload} from "./client-params.js"
import type {BackendProject, FrontendModelResource} from "./resource-config.js"

export interface SerializedRecord {
  attributes: {[attribute: string]: unknown}
  preloaded?: {[relationship: string]: SerializedRecord | SerializedRecord[] | null}
}

/**
 * Records as the frontend gets them: the listed attributes only, and the preloaded
 * relationships the client asked for, each narrowed to what the ability lets the user read
 * (a preload must not hand out a record that find() would refuse).
 */
export async function serializeRecords(args: {project: BackendProject, resource: FrontendModelResource, records: Record[], preload: CheckedPreload, ability: Ability}): Promise<SerializedRecord[]> {
  const {project, resource, records, preload, ability} = args
  const serialized: SerializedRecord[] = records.map((record) => ({attributes: Object.fromEntries(resource.attributes.map((attribute) => [attribute, record.readAttribute(attribute)]))}))

  for (const [name, children] of Object.entries(preload)) {
    const model = records[0]?.getModel()

    if (!model) break

    const related = relatedResource(project, model, resource, name)
    const target = related.relationshipModel
    const relatedByRecord = records.map((record) => {
      const {value} = record.getLoadedRelationship(name)

      return Array.isArray(value) ? value as Record[] : value ? [value as Record] : []
    })
    const ids = [...new Set(relatedByRecord.flat().map((each) => each.id()))]
    const readable = new Set((ids.length === 0 ? [] : await target.accessible(ability, "read").where({[target.primaryKey]: ids}).pluck(target.primaryKey)).map(String))
    const allowed = relatedByRecord.map((list) => list.filter((each) => readable.has(String(each.id()))))
    const flat = allowed.flat()
    const serializedRelated = await serializeRecords({project, resource: related.resource, records: flat, preload: children, ability})
    const byRecord = new Map(flat.map((each, index) => [each, serializedRelated[index]]))
    const many = model.getRelationshipOrFail(name).kind === "hasMany"

    serialized.forEach((entry, index) => {
      const list = allowed[index].map((each) => byRecord.get(each) as SerializedRecord)

      entry.preloaded ||= {}
      entry.preloaded[name] = many ? list : list[0] ?? null
    })
  }

  return serialized
}
