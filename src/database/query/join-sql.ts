import type Relationship from "../record/relationships/relationship.js"
import type {SqlFragment} from "./query-state.js"

/** `INNER JOIN` for one relationship step, with the relationship's scope conditions in the ON clause. */
export function joinSql({relationship, parentAlias, alias, quote, scopeFragments}: {relationship: Relationship, parentAlias: string, alias: string, quote: (name: string) => string, scopeFragments: SqlFragment[]}): SqlFragment {
  const target = relationship.targetModel()
  const table = target.getTableName()
  const joined = alias === table ? quote(table) : `${quote(table)} AS ${quote(alias)}`
  const on = relationship.kind === "belongsTo"
    ? `${quote(alias)}.${quote(relationship.primaryKey())} = ${quote(parentAlias)}.${quote(relationship.foreignKey())}`
    : `${quote(alias)}.${quote(relationship.foreignKey())} = ${quote(parentAlias)}.${quote(relationship.primaryKey())}`
  const conditions = [on, ...scopeFragments.map((fragment) => `(${fragment.sql})`)]

  return {sql: `INNER JOIN ${joined} ON ${conditions.join(" AND ")}`, params: scopeFragments.flatMap((fragment) => fragment.params)}
}
