import type Record from "../index.js"
import type {SqlFragment} from "../../query/query-state.js"
import {currentLocale} from "./locale.js"
import {parseTranslatedName} from "./translated-attributes.js"
import {translationsRelationshipName} from "./translation-store.js"

// Not the table name: the outer query may already use that name for a join of its own.
const subqueryAlias = "velocious_translation"

function condition(column: string, value: unknown): SqlFragment {
  if (value === null || value === undefined) return {sql: `${column} IS NULL`, params: []}
  if (!Array.isArray(value)) return {sql: `${column} = ?`, params: [value]}
  if (value.length === 0) return {sql: "1 = 0", params: []}

  return {sql: `${column} IN (${value.map(() => "?").join(", ")})`, params: value}
}

/**
 * `{nameEn: "Alpha"}` on a translated model: rows having an `en` translation named Alpha; the
 * bare `{name: ...}` uses the current locale. An EXISTS rather than a join, so conditions in
 * two locales can be combined and the owner's rows are never repeated.
 */
export function translatedWhereFragment(model: typeof Record, alias: string, key: string, value: unknown, quote: (name: string) => string): SqlFragment | undefined {
  const parsed = parseTranslatedName(model, key)

  if (!parsed) return undefined

  const relationship = model.getRelationshipOrFail(translationsRelationshipName)
  const target = relationship.targetModel()
  const column = target.getMetadata().columnFor(parsed.attribute) as string
  const locale = parsed.locale ?? currentLocale(model.getConfiguration())
  const castValue = Array.isArray(value) ? value.map((each) => target.castAttributeForDatabase(column, each)) : target.castAttributeForDatabase(column, value)
  const inner = (name: string) => `${quote(subqueryAlias)}.${quote(name)}`
  const matched = condition(inner(column), castValue)
  const sql = `EXISTS (SELECT 1 FROM ${quote(target.getTableName())} AS ${quote(subqueryAlias)} WHERE ${inner(relationship.foreignKey())} = ${quote(alias)}.${quote(relationship.primaryKey())} AND ${inner("locale")} = ? AND ${matched.sql})`

  return {sql, params: [locale, ...matched.params]}
}
