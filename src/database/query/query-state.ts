/** A SQL fragment with its bound values, already quoted for the model's dialect. */
export interface SqlFragment {
  sql: string
  params: unknown[]
}

/**
 * Everything a query has been told. Each builder call returns a new query with a shallow copy
 * in which it replaced what it changed: the lists are never changed in place once a query has
 * them, so queries share them.
 */
export interface QueryState {
  selects: string[]
  wheres: SqlFragment[]
  joins: SqlFragment[]
  /** Relationship join paths already joined (dot-joined), so joining twice adds nothing. */
  joinedPaths: Set<string>
  orders: string[]
  groups: string[]
  limit?: number
  offset?: number
  distinct: boolean
  reverse: boolean
  /** preload() sets a new tree. */
  preloads: PreloadTree
  perPage?: number
  page?: number
}

export type PreloadTree = {[relationship: string]: PreloadTree | true}

/**
 * The state of a query nothing was added to, shared by every new query: builders replace what
 * they change (where() and joins() copy the join state first), so it is never written to.
 */
const emptyState: QueryState = Object.freeze({
  selects: Object.freeze([]) as unknown as string[],
  wheres: Object.freeze([]) as unknown as SqlFragment[],
  joins: Object.freeze([]) as unknown as SqlFragment[],
  joinedPaths: new Set<string>(),
  orders: Object.freeze([]) as unknown as string[],
  groups: Object.freeze([]) as unknown as string[],
  distinct: false,
  reverse: false,
  preloads: Object.freeze({}) as PreloadTree
})

export function emptyQueryState(): QueryState {
  return emptyState
}

/** A deep copy of a preload tree (nested objects with `true` leaves), cheaper than structuredClone. */
export function copyPreloadTree(tree: PreloadTree): PreloadTree {
  const copy: PreloadTree = {}

  for (const name of Object.keys(tree)) {
    const children = tree[name]

    copy[name] = children === true ? true : copyPreloadTree(children)
  }

  return copy
}
