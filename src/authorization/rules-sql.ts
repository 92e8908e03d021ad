import type Query from "../database/query/index.js"
import type Record from "../database/record/index.js"
import type {Rule} from "./rule.js"

/**
 * The records a rule covers, as `SELECT pk FROM table WHERE ...`. A subquery per rule keeps each
 * rule's joins to itself: rules OR-ed together must not see each other's joins (an INNER JOIN
 * of one rule would drop rows another rule lets through, and a hasMany join repeats rows).
 */
function ruleSubquery(model: typeof Record, rule: Rule, quote: (name: string) => string): {sql: string, params: unknown[]} {
  let query: Query<typeof Record> = model.newQuery()

  if (typeof rule.conditions === "function") query = rule.conditions.call(query, query) || query
  else if (rule.conditions) query = query.where(rule.conditions)

  return query.toSql({selects: [`${quote(query.getTableForJoin())}.${quote(model.primaryKey)}`], orders: []})
}

/** `query` with the rules applied: some can() rule matches and no cannot() rule does. */
export function accessibleQuery<Model extends typeof Record>(query: Query<Model>, rules: readonly Rule[]): Query<Model> {
  const model = query.model
  const compiler = model.connection().getQueryCompiler()
  const quote = (name: string) => compiler.quoteIdentifier(name)
  const primaryKey = `${quote(query.getTableForJoin())}.${quote(model.primaryKey)}`
  const cans = rules.filter((rule) => rule.kind === "can")
  const cannots = rules.filter((rule) => rule.kind === "cannot")

  if (cans.length === 0 || cannots.some((rule) => rule.conditions === undefined)) return query.where("1 = 0")

  let narrowed = query

  if (!cans.some((rule) => rule.conditions === undefined)) {
    const subqueries = cans.map((rule) => ruleSubquery(model, rule, quote))

    narrowed = narrowed.where(subqueries.map(({sql}) => `${primaryKey} IN (${sql})`).join(" OR "), ...subqueries.flatMap(({params}) => params))
  }

  for (const rule of cannots) {
    const {sql, params} = ruleSubquery(model, rule, quote)

    narrowed = narrowed.where(`${primaryKey} NOT IN (${sql})`, ...params)
  }

  return narrowed
}
