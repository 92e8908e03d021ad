/** A SQL fragment with its bound values, already quoted for the model's dialect. */
export interface SqlFragment {
  sql: string
  params: unknown[]
}

/** Everything a query has been told; each builder call returns a new query with a changed copy. */
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
  /** Never changed in place (copies share it); preload() sets a new tree. */
  preloads: PreloadTree
  perPage?: number
  page?: number
}

export type PreloadTree = {[relationship: string]: PreloadTree | true}

export function emptyQueryState(): QueryState {
  return {selects: [], wheres: [], joins: [], joinedPaths: new Set(), orders: [], groups: [], distinct: false, reverse: false, preloads: {}}
}

export function copyQueryState(state: QueryState): QueryState {
  return {
    ...state,
    selects: [...state.selects],
    wheres: [...state.wheres],
    joins: [...state.joins],
    joinedPaths: new Set(state.joinedPaths),
    orders: [...state.orders],
    groups: [...state.groups],
    // Shared, not cloned: most queries never preload, and preload() replaces the tree with a changed copy.
    preloads: state.preloads
  }
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
