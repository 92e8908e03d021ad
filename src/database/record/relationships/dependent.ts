import type Record from "../index.js"
import {relatedQuery} from "./has-one.js"

/** `dependent: "destroy"`: related records are destroyed (with their callbacks) before their owner. */
export async function destroyDependents(record: Record): Promise<void> {
  for (const relationship of record.getModel().getRelationships().values()) {
    if (relationship.options.dependent !== "destroy" || relationship.kind === "belongsTo") continue

    for (const related of await relatedQuery(record, relationship).toArray()) await related.destroy()
  }
}
