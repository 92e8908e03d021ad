import {DuplicateRouteError, MalformedPathError} from "./errors.js"
import type {RouteDefinition, RouteMatch} from "./route-definition.js"
import {isParamSegment} from "./segments.js"

interface CompiledRoute {
  route: RouteDefinition
  /** Param name for each captured segment, in path order. */
  paramNames: string[]
}

interface Node {
  statics: Map<string, Node>
  /** One child for every `:param` at this depth; names live on the routes, so `:id` and `:task_id` share it. */
  param: Node | undefined
  routes: Map<string, CompiledRoute>
}

function newNode(): Node {
  return {statics: new Map(), param: undefined, routes: new Map()}
}

/**
 * The route table compiled into a segment tree: static segments are map look-ups, params a
 * single wildcard child. Static children win over params (`/projects/new` before `/projects/:id`),
 * and a branch that has no route for the method backtracks to the param branch.
 */
export default class RouteMatcher {
  private readonly root = newNode()
  /**
   * Routes without params by their canonical path (`/projects/new`) and method: a request for
   * exactly that path is one look-up, with no splitting or decoding. Anything else (a param, a
   * trailing slash, percent-encoding, HEAD answered by GET) goes through the tree, which finds
   * the same route for these paths since static segments win there too.
   */
  private readonly staticRoutes = new Map<string, Map<string, CompiledRoute>>()

  constructor(routes: readonly RouteDefinition[]) {
    for (const route of routes) this.add(route)
  }

  /** `path` is the URL path without the query string; HEAD falls back to GET. */
  match(method: string, path: string): RouteMatch | undefined {
    const staticRoute = this.staticRoutes.get(path)?.get(method)

    if (staticRoute) return {route: staticRoute.route, params: {}}

    const segments = decodeSegments(path)
    const upper = method.toUpperCase()
    const captured: string[] = []
    const found = this.find(this.root, segments, 0, upper, captured) || (upper === "HEAD" ? this.find(this.root, segments, 0, "GET", captured) : undefined)

    if (!found) return undefined

    const params: Record<string, string> = {}

    for (let index = 0; index < found.paramNames.length; index++) params[found.paramNames[index]] = captured[index]

    return {route: found.route, params}
  }

  private add(route: RouteDefinition): void {
    let node = this.root
    const paramNames: string[] = []

    for (const segment of route.path.split("/").filter(Boolean)) {
      if (isParamSegment(segment)) {
        paramNames.push(segment.slice(1))
        node = node.param ||= newNode()
      } else {
        let child = node.statics.get(segment)

        if (!child) {
          child = newNode()
          node.statics.set(segment, child)
        }

        node = child
      }
    }

    const existing = node.routes.get(route.method)

    if (existing) {
      throw new DuplicateRouteError(`${route.method} ${route.path} is defined twice (${existing.route.controller}#${existing.route.action} and ${route.controller}#${route.action}). Remove one of them from src/config/routes`)
    }

    const compiled = {route, paramNames}

    node.routes.set(route.method, compiled)

    const canonicalPath = `/${route.path.split("/").filter(Boolean).join("/")}`

    // A "%" in a route's own path would match undecoded request text here but not in the tree.
    if (paramNames.length === 0 && !canonicalPath.includes("%")) {
      let byMethod = this.staticRoutes.get(canonicalPath)

      if (!byMethod) {
        byMethod = new Map()
        this.staticRoutes.set(canonicalPath, byMethod)
      }

      byMethod.set(route.method, compiled)
    }
  }

  private find(node: Node, segments: string[], index: number, method: string, captured: string[]): CompiledRoute | undefined {
    if (index === segments.length) return node.routes.get(method)

    const segment = segments[index]
    const staticChild = node.statics.get(segment)

    if (staticChild) {
      const found = this.find(staticChild, segments, index + 1, method, captured)

      if (found) return found
    }

    if (node.param) {
      captured.push(segment)

      const found = this.find(node.param, segments, index + 1, method, captured)

      if (found) return found

      captured.pop()
    }

    return undefined
  }
}

function decodeSegments(path: string): string[] {
  const segments: string[] = []
  const encoded = path.includes("%")

  for (const segment of path.split("/")) {
    if (segment === "") continue

    segments.push(encoded ? decodeSegment(segment, path) : segment)
  }

  return segments
}

function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new MalformedPathError(`The request path '${path}' has invalid percent-encoding`)
  }
}
