import type Record from "../record/index.js"
import {RecordNotFoundError} from "../record/errors.js"
import {DatabaseError} from "../drivers/base/errors.js"
import {orderFragment, reverseOrderFragment} from "./order-fragment.js"
import {copyPreloadTree, emptyQueryState, type PreloadTree, type QueryState, type SqlFragment} from "./query-state.js"
import {whereHash} from "./where-hash.js"
import {joinSql} from "./join-sql.js"
import {RawSql, referenceSql, type ReferenceKind, type SqlReference} from "./raw-sql.js"
import {preloadRecords} from "../record/relationships/preloader.js"
import {findByKey, isScalarKey, notFoundError} from "./find-by-key.js"
import type {QueryCompiler} from "../drivers/base/query-compiler.js"
import type Ability from "../../authorization/ability.js"
import {accessibleFor} from "../../authorization/accessible.js"

type InstanceOf<Model extends typeof Record> = InstanceType<Model>
type JoinTree = {[relationship: string]: JoinTree | true}

const defaultPerPage = 30
// Shared by the queries that have none; never written to (a query that joins makes its own map).
const noScopePath: string[] = []
const noJoinAliases = new Map<string, string>()
const noLimit = {sqlite: "-1", mysql: "18446744073709551615", pgsql: "ALL"}

/**
 * An immutable query over one model: every builder method returns a new query, so a base
 * query can be shared and refined. The state is compiled to SQL only when it runs.
 */
export default class Query<Model extends typeof Record = typeof Record> {
  readonly model: Model
  private readonly state: QueryState
  /** The alias the model's table has in this query (its table name unless the query is a joined scope). */
  private readonly alias: string
  /** Inside a relationship scope: the join path the scope belongs to, for getTableForJoin(). */
  private readonly scopePath: string[]
  /** Never changed once the query is made (a query that joins gets a copy). */
  private readonly joinAliases: Map<string, string>
  /**
   * The dialect's identifier quoting, looked up on first use and handed down the chain: finding
   * the connection for every quoted name was a good part of building a query. A query's SQL is
   * quoted for one dialect as it is built anyway.
   */
  private quoter: QueryCompiler | undefined

  constructor(model: Model, {state, alias, scopePath, joinAliases, quoter}: {state?: QueryState, alias?: string, scopePath?: string[], joinAliases?: Map<string, string>, quoter?: QueryCompiler} = {}) {
    this.model = model
    this.state = state || emptyQueryState()
    this.alias = alias || model.getTableName()
    this.scopePath = scopePath || noScopePath
    this.joinAliases = joinAliases || noJoinAliases
    this.quoter = quoter
  }

  /**
   * A new query with some of the state replaced. The state is copied shallowly: builder methods
   * replace a list rather than change it, so queries share what they did not change.
   */
  private derive(changes: Partial<QueryState>): Query<Model> {
    // The model's own query class (with its named scopes), not necessarily Query itself.
    const QueryClass = this.constructor as typeof Query<Model>

    return new QueryClass(this.model, {state: Object.assign({}, this.state, changes), alias: this.alias, scopePath: this.scopePath, joinAliases: this.joinAliases, quoter: this.quoter})
  }

  /**
   * For where() and joins(), which may join relationships. The wheres are copied to be added to;
   * the join state (joins, joined paths, aliases) only once a join is actually added (see
   * JoinState), since most where() calls join nothing: copying a Set and a Map per where() was
   * about 5% of a 20-row where() on MariaDB (bench:orm, --cpu-prof).
   */
  private deriveJoining(change: (state: QueryState, joining: JoinState) => void): Query<Model> {
    // Object.assign, not a spread: see "Copying objects on hot paths" in the README.
    const changed: QueryState = Object.assign({}, this.state, {wheres: this.state.wheres.slice()})
    const joining = new JoinState(changed, this.joinAliases)

    change(changed, joining)

    const QueryClass = this.constructor as typeof Query<Model>

    return new QueryClass(this.model, {state: changed, alias: this.alias, scopePath: this.scopePath, joinAliases: joining.aliases, quoter: this.quoter})
  }

  private quote(name: string): string {
    return (this.quoter ??= this.model.connection().getQueryCompiler()).quoteIdentifier(name)
  }

  private quotedColumn(attribute: string): string | undefined {
    const column = this.model.getMetadata().columnFor(attribute)

    return column ? `${this.quote(this.alias)}.${this.quote(column)}` : undefined
  }

  /** A hash of conditions, or raw SQL with `?` values: `where("tasks.id > ?", 5)`. */
  where(conditions: string | {[key: string]: unknown}, ...values: unknown[]): Query<Model> {
    if (typeof conditions === "string") {
      return this.derive({wheres: [...this.state.wheres, {sql: conditions, params: values}]})
    }

    if (values.length > 0) throw new DatabaseError("where({...}) takes no extra values; use where(\"sql with ?\", value) for raw SQL")

    return this.deriveJoining((state, joining) => {
      const fragments = whereHash(this.model, this.alias, conditions, {
        quote: (name) => this.quote(name),
        joinPath: (path) => this.addJoin(joining, path),
        joinedModel: (alias) => this.joinedModel(joining.aliases, alias)
      })

      state.wheres.push(...fragments)
    })
  }

  /** Only the records `ability` (default: the current request's) grants `action` on; see authorization/ability.ts. */
  accessible(abilityOrAction?: Ability | string, action?: string): Query<Model> {
    return accessibleFor(this, abilityOrAction, action)
  }

  joins(tree: JoinTree | string): Query<Model> {
    return this.deriveJoining((state, joining) => {
      if (typeof tree === "string") {
        joining.copy()
        state.joins.push({sql: tree, params: []})

        return
      }

      const walk = (node: JoinTree, path: string[]) => {
        for (const [name, children] of Object.entries(node)) {
          this.addJoin(joining, [...path, name])
          if (children !== true) walk(children, [...path, name])
        }
      }

      walk(tree, [])
    })
  }

  /** The table name (or alias) a join path has in this query; inside a relationship scope, relative to the scope. */
  getTableForJoin(...path: string[]): string {
    const fullPath = [...this.scopePath, ...path]

    if (fullPath.length === 0) return this.alias

    const alias = this.joinAliases.get(fullPath.join("."))

    if (!alias) throw new DatabaseError(`${this.model.name} query has no join for ${fullPath.join(" → ")}; add .joins(...) for it first`)

    return alias
  }

  private addJoin(joining: JoinState, path: string[]): string {
    const key = path.join(".")
    const existing = joining.aliases.get(key)

    if (existing) return existing

    const parentAlias = path.length > 1 ? this.addJoin(joining, path.slice(0, -1)) : this.alias
    const parentModel = this.modelAtPath(path.slice(0, -1))
    const relationship = parentModel.getRelationshipOrFail(path[path.length - 1])
    const target = relationship.targetModel()
    const {state, aliases} = joining.copy()
    const taken = new Set([this.alias, ...aliases.values()])
    let alias = target.getTableName()

    for (let counter = 2; taken.has(alias); counter++) alias = `${target.getTableName()}_${counter}`

    aliases.set(key, alias)
    state.joins.push(joinSql({relationship, parentAlias, alias, quote: (name) => this.quote(name), scopeFragments: this.scopeFragments(relationship, alias)}))
    state.joinedPaths.add(key)

    return alias
  }

  /** A relationship scope's conditions, written against the joined table's alias, for the ON clause. */
  private scopeFragments(relationship: ReturnType<typeof Record.getRelationshipOrFail>, alias: string): SqlFragment[] {
    if (!relationship.scope) return []

    const scoped = relationship.applyScope(new Query(relationship.targetModel(), {alias}))

    if (scoped.state.joins.length > 0) throw new DatabaseError(`The scope of ${relationship.owner.name}.${relationship.name} joins other tables, which a join cannot take; filter on its own columns`)

    return scoped.state.wheres
  }

  /** The model joined under `alias` (a name getTableForJoin() gave), if this query joined one. */
  private joinedModel(joinAliases: Map<string, string>, alias: string): typeof Record | undefined {
    for (const [path, joinedAlias] of joinAliases) {
      if (joinedAlias === alias) return this.modelAtPath(path.split("."))
    }

    return undefined
  }

  private modelAtPath(path: string[]): typeof Record {
    let model: typeof Record = this.model

    for (const name of path) model = model.getRelationshipOrFail(name).targetModel()

    return model
  }

  preload(tree: PreloadTree | string): Query<Model> {
    const merge = (into: PreloadTree, from: PreloadTree) => {
      for (const [name, children] of Object.entries(from)) {
        if (children === true) into[name] ||= true
        else {
          const existing = into[name]

          into[name] = existing && existing !== true ? existing : {}
          merge(into[name] as PreloadTree, children)
        }
      }
    }

    const preloads = copyPreloadTree(this.state.preloads)

    merge(preloads, typeof tree === "string" ? {[tree]: true} : tree)

    return this.derive({preloads})
  }

  select(columns: SqlReference | SqlReference[]): Query<Model> {
    const list = Array.isArray(columns) ? columns : [columns]

    return this.derive({selects: [...this.state.selects, ...list.map((column) => this.reference("select", column))]})
  }

  order(spec: SqlReference | {[attribute: string]: "asc" | "desc"}): Query<Model> {
    return this.derive({orders: [...this.state.orders, ...this.orderFragments("order", spec)]})
  }

  reorder(spec: SqlReference | {[attribute: string]: "asc" | "desc"}): Query<Model> {
    return this.derive({orders: this.orderFragments("reorder", spec), reverse: false})
  }

  /** A string is checked to be column references (see raw-sql.ts); rawSql(...) passes as written. */
  private reference(kind: ReferenceKind, reference: SqlReference): string {
    return referenceSql(kind, reference, this.model.name)
  }

  reverseOrder(): Query<Model> {
    return this.derive({reverse: !this.state.reverse})
  }

  private orderFragments(kind: ReferenceKind, spec: SqlReference | {[attribute: string]: "asc" | "desc"}): string[] {
    if (typeof spec === "string") return [orderFragment(this.reference(kind, spec), (name) => this.quotedColumn(name))]
    if (spec instanceof RawSql) return [spec.sql]
    if (!spec || typeof spec !== "object") return [this.reference(kind, spec)]

    return Object.entries(spec).map(([attribute, direction]) => {
      if (!/^(asc|desc)$/i.test(direction)) throw new DatabaseError(`order({${attribute}: ${JSON.stringify(direction)}}): use "asc" or "desc"`)

      const column = this.quotedColumn(attribute)

      if (!column) throw new DatabaseError(`${this.model.name} has no column '${attribute}' to order by`)

      return `${column} ${direction.toUpperCase()}`
    })
  }

  limit(count: number): Query<Model> {
    checkCount(count, "limit")

    return this.derive({limit: count})
  }

  offset(count: number): Query<Model> {
    checkCount(count, "offset")

    return this.derive({offset: count})
  }

  group(expression: SqlReference): Query<Model> {
    const sql = expression instanceof RawSql ? expression.sql : orderFragment(this.reference("group", expression), (name) => this.quotedColumn(name)).replace(/ ASC$/, "")

    return this.derive({groups: [...this.state.groups, sql]})
  }

  distinct(distinct = true): Query<Model> {
    return this.derive({distinct})
  }

  page(page: number): Query<Model> {
    if (!Number.isSafeInteger(page) || page < 1) throw new DatabaseError(`page(${page}): pages start at 1`)

    return this.derive({page})
  }

  perPage(perPage: number): Query<Model> {
    if (!Number.isSafeInteger(perPage) || perPage < 1) throw new DatabaseError(`perPage(${perPage}): give a whole number of 1 or more`)

    return this.derive({perPage})
  }

  /** SELECT statement and its values, as the database will get them (before dialect placeholders). */
  toSql({selects, limit, offset, orders}: {selects?: string[], limit?: number, offset?: number, orders?: string[]} = {}): SqlFragment {
    const state = this.state
    const table = this.quote(this.model.getTableName())
    const from = this.alias === this.model.getTableName() ? table : `${table} AS ${this.quote(this.alias)}`
    const selectList = selects || (state.selects.length > 0 ? state.selects : [`${this.quote(this.alias)}.*`])
    const params: unknown[] = []
    // PostgreSQL refuses `SELECT tasks.* ... GROUP BY tasks.project_id`, where SQLite and MySQL give
    // one row per group; DISTINCT ON gives PostgreSQL those rows, so group() works the same everywhere.
    const distinctOnGroups = !selects && state.selects.length === 0 && state.groups.length > 0 && this.model.connection().dialect() === "pgsql"
    const distinct = distinctOnGroups ? `DISTINCT ON (${state.groups.join(", ")}) ` : state.distinct ? "DISTINCT " : ""
    let sql = `SELECT ${distinct}${selectList.join(", ")} FROM ${from}`

    for (const join of state.joins) {
      sql += ` ${join.sql}`
      params.push(...join.params)
    }

    for (let index = 0; index < state.wheres.length; index++) {
      const where = state.wheres[index]

      sql += `${index === 0 ? " WHERE " : " AND "}(${where.sql})`
      for (const param of where.params) params.push(param)
    }

    if (state.groups.length > 0 && !distinctOnGroups) sql += ` GROUP BY ${state.groups.join(", ")}`

    // DISTINCT ON needs its expressions first in ORDER BY; the primary key makes the row picked per group stable.
    const orderList = orders || (distinctOnGroups ? [...state.groups, ...this.effectiveOrders(), this.primaryKeyOrder()] : this.effectiveOrders())

    if (orderList.length > 0) sql += ` ORDER BY ${orderList.join(", ")}`

    const paged = state.page !== undefined || state.perPage !== undefined
    const perPage = state.perPage ?? defaultPerPage
    const finalLimit = limit ?? (paged ? perPage : state.limit)
    const finalOffset = offset ?? (paged ? ((state.page ?? 1) - 1) * perPage : state.offset)

    if (finalLimit !== undefined) {
      // On SQLite LIMIT is written as digits (see DatabaseAdapter#literalLimit); limit() and
      // perPage() let only safe non-negative integers in, so it is digits and nothing else.
      // OFFSET stays bound everywhere: paging through a table gives every page its own offset,
      // each of which would be another statement to prepare.
      if (this.model.connection().getAdapter().literalLimit) {
        sql += ` LIMIT ${integerLiteral(finalLimit)}`
      } else {
        sql += " LIMIT ?"
        params.push(finalLimit)
      }
    }

    if (finalOffset !== undefined && finalOffset > 0) {
      // OFFSET needs a LIMIT on SQLite and MySQL; each spells "no limit" its own way (SQLite's integers are signed).
      if (finalLimit === undefined) sql += ` LIMIT ${noLimit[this.model.connection().dialect()]}`
      sql += " OFFSET ?"
      params.push(finalOffset)
    }

    return {sql, params}
  }

  private effectiveOrders(): string[] {
    if (!this.state.reverse) return this.state.orders

    const orders = this.state.orders.length > 0 ? this.state.orders : [this.primaryKeyOrder()]

    return orders.map(reverseOrderFragment)
  }

  private primaryKeyOrder(): string {
    return `${this.quote(this.alias)}.${this.quote(this.model.primaryKey)} ASC`
  }

  async toArray(): Promise<InstanceOf<Model>[]> {
    const {sql, params} = this.toSql()
    // queryNow(): on SQLite the rows are there at once, without a promise of the driver's own.
    const result = this.model.connection().queryNow(sql, params)
    const records = this.model.instantiateRows(result instanceof Promise ? await result : result) as InstanceOf<Model>[]

    for (const _name in this.state.preloads) {
      await preloadRecords(this.model, records, this.state.preloads)
      break
    }

    return records
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<InstanceOf<Model>> {
    for (const record of await this.toArray()) yield record
  }

  async count(): Promise<number> {
    const state = this.state
    const needsSubquery = state.groups.length > 0 || state.limit !== undefined || state.offset !== undefined || state.page !== undefined || state.perPage !== undefined || (state.distinct && state.selects.length > 0)
    let sql: string
    let params: unknown[]

    if (needsSubquery) {
      const inner = this.toSql({orders: []})

      sql = `SELECT COUNT(*) AS count FROM (${inner.sql}) AS velocious_count`
      params = inner.params
    } else {
      const countExpression = state.distinct ? `COUNT(DISTINCT ${this.quote(this.alias)}.${this.quote(this.model.primaryKey)})` : "COUNT(*)"
      const inner = this.toSql({selects: [`${countExpression} AS count`], orders: []})

      sql = inner.sql
      params = inner.params
    }

    const rows = await this.model.connection().query<{count: unknown}>(sql, params)

    return Number(rows[0]?.count ?? 0)
  }

  async first(): Promise<InstanceOf<Model> | null> {
    const query = this.state.orders.length > 0 ? this : this.order(this.model.primaryKey)

    return (await query.limit(1).toArray())[0] ?? null
  }

  async last(): Promise<InstanceOf<Model> | null> {
    const query = this.state.orders.length > 0 ? this : this.order(this.model.primaryKey)

    return (await query.reverseOrder().limit(1).toArray())[0] ?? null
  }

  async exists(): Promise<boolean> {
    const {sql, params} = this.toSql({selects: ["1 AS found"], limit: 1, orders: []})

    return (await this.model.connection().query(sql, params)).length > 0
  }

  /** One column gives a flat array; several give an array per row. */
  async pluck(...attributes: SqlReference[]): Promise<unknown[]> {
    if (attributes.length === 0) throw new DatabaseError("pluck() needs at least one column")

    const column = (attribute: SqlReference) => typeof attribute === "string" ? this.model.getMetadata().columnFor(attribute) : undefined
    const selects = attributes.map((attribute, index) => `${(typeof attribute === "string" && this.quotedColumn(attribute)) || this.reference("pluck", attribute)} AS ${this.quote(`pluck_${index}`)}`)
    const {sql, params} = this.toSql({selects})
    const rows = await this.model.connection().query<{[key: string]: unknown}>(sql, params)
    const columns = attributes.map((attribute) => this.model.getMetadata().columnsByName.get(column(attribute) || ""))
    const cast = (row: {[key: string]: unknown}, index: number) => this.model.castAttributeFromDatabase(columns[index], row[`pluck_${index}`])

    return attributes.length === 1 ? rows.map((row) => cast(row, 0)) : rows.map((row) => attributes.map((_, index) => cast(row, index)))
  }

  /** Loads each record and destroys it, so callbacks and dependent relationships run. */
  async destroyAll(): Promise<InstanceOf<Model>[]> {
    const records = await this.toArray()

    for (const record of records) await record.destroy()

    return records
  }

  find(id: unknown): Promise<InstanceOf<Model>> {
    return this.isPristine() && isScalarKey(id) ? findByKey(this.model, id) as Promise<InstanceOf<Model>> : this.findByKeyQuery(id)
  }

  /**
   * A primary key matches one row at most, so unless joins can repeat it or a limit, offset or
   * page could skip it, ORDER BY and LIMIT would only add work.
   */
  private async findByKeyQuery(id: unknown): Promise<InstanceOf<Model>> {
    const state = this.state
    const query = this.where({[this.model.primaryKey]: id})
    const atMostOneRow = state.joins.length === 0 && state.groups.length === 0 && state.limit === undefined && state.offset === undefined && state.page === undefined && state.perPage === undefined
    const record = atMostOneRow ? (await query.toArray())[0] : await query.first()

    if (!record) throw notFoundError(this.model, id)

    return record
  }

  /** Nothing added to the model's plain query: no conditions, joins, order, limits or preloads. */
  private isPristine(): boolean {
    const state = this.state

    if (state.selects.length > 0 || state.wheres.length > 0 || state.joins.length > 0 || state.orders.length > 0 || state.groups.length > 0) return false
    if (state.limit !== undefined || state.offset !== undefined || state.page !== undefined || state.perPage !== undefined || state.distinct || state.reverse) return false
    for (const _name in state.preloads) return false

    return this.alias === this.model.getTableName() && this.scopePath.length === 0
  }

  async findBy(conditions: {[key: string]: unknown}): Promise<InstanceOf<Model> | null> {
    return await this.where(conditions).first()
  }

  async findByOrFail(conditions: {[key: string]: unknown}): Promise<InstanceOf<Model>> {
    const record = await this.findBy(conditions)

    if (!record) {
      const described = Object.entries(conditions).map(([key, value]) => `'${key}'=${JSON.stringify(value)}`).join(", ")

      throw new RecordNotFoundError(`Couldn't find ${this.model.name} with ${described}`)
    }

    return record
  }
}

function checkCount(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new DatabaseError(`${what}(${count}): give a whole number of 0 or more`)
}

/** The count's digits, for SQL; anything else is a bug upstream and must not reach the database. */
function integerLiteral(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) throw new DatabaseError(`A row count for LIMIT must be a whole number of 0 or more, got ${String(count)}`)

  return String(count)
}

/**
 * The join state of a query being derived by where() or joins(): shared with the query it came
 * from until copy(), which the first added join calls, so a query never changes another's.
 */
class JoinState {
  private copied = false

  constructor(readonly state: QueryState, public aliases: Map<string, string>) {}

  /** Gives the derived query its own joins, joined paths and aliases (once), to be added to. */
  copy(): {state: QueryState, aliases: Map<string, string>} {
    if (!this.copied) {
      this.copied = true
      this.state.joins = this.state.joins.slice()
      this.state.joinedPaths = new Set(this.state.joinedPaths)
      this.aliases = new Map(this.aliases)
    }

    return this
  }
}
