import type {RouteDefinition, RouteMatch} from "./route-definition.js"
import RouteMatcher from "./route-matcher.js"
import RouteScope, {type ScopeCallback} from "./route-scope.js"

export type {HttpMethod, RouteDefinition, RouteMatch} from "./route-definition.js"
export type {ResourceAction, ResourcesOptions, ScopeCallback, VerbOptions} from "./route-scope.js"
export {default as RouteScope} from "./route-scope.js"
export {DuplicateRouteError, MalformedPathError, RouteDefinitionError} from "./errors.js"

/**
 * The app's route table (src/config/routes.js exports `{routes}`). `draw` records
 * definitions; the first `match` compiles them once into a RouteMatcher.
 */
export default class Routes {
  private readonly definitions: RouteDefinition[] = []
  private matcher: RouteMatcher | undefined

  draw(callback: ScopeCallback): this {
    callback(RouteScope.root(this.definitions))
    this.matcher = undefined

    return this
  }

  getRoutes(): readonly RouteDefinition[] {
    return this.definitions
  }

  /** Builds the matcher now, so a duplicate route fails at boot rather than on the first request. */
  compile(): RouteMatcher {
    return this.matcher ||= new RouteMatcher(this.definitions)
  }

  /** `path` without the query string. */
  match(method: string, path: string): RouteMatch | undefined {
    return this.compile().match(method, path)
  }
}
