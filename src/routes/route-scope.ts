import {camelize, singularize} from "../utils/inflection.js"
import {checkKeys} from "../utils/check-keys.js"
import {RouteDefinitionError} from "./errors.js"
import type {HttpMethod, RouteDefinition} from "./route-definition.js"
import {checkControllerPath, isParamSegment, joinPath, splitRoutePath} from "./segments.js"

export interface VerbOptions {
  /** `"controller#action"` (controller relative to the enclosing namespace/resource) or just `"action"` */
  to?: string
  /** Inside `resources`: `"member"` puts the route under `/:id`; the default is the collection. */
  on?: "member" | "collection"
}

export type ResourceAction = "index" | "show" | "new" | "create" | "edit" | "update" | "destroy"

export interface ResourcesOptions {
  only?: ResourceAction[]
  except?: ResourceAction[]
}

export type ScopeCallback = (route: RouteScope) => void

interface ScopeState {
  /** Where verbs declared here put their paths. */
  collectionPath: string[]
  /** Inside `resources`: the `/:id` path for member routes. */
  memberPath: string[] | undefined
  /** Controller that verbs declared here run. */
  controller: string
  /** Controller folder that nested namespaces and resources live under. */
  controllerFolder: string[]
  /** Path that nested namespaces and resources start from (`/tasks/:task_id` inside `resources("tasks")`). */
  nestedPath: string[]
}

const resourceActions: ResourceAction[] = ["index", "show", "new", "create", "edit", "update", "destroy"]

/** What `routes.draw((route) => ...)` hands out: the DSL, recording definitions into `routes`. */
export default class RouteScope {
  constructor(private readonly routes: RouteDefinition[], private readonly state: ScopeState) {}

  static root(routes: RouteDefinition[]): RouteScope {
    return new RouteScope(routes, {collectionPath: [], memberPath: undefined, controller: "_root", controllerFolder: [], nestedPath: []})
  }

  get(name: string, options?: VerbOptions): void { this.verb("GET", name, options) }
  post(name: string, options?: VerbOptions): void { this.verb("POST", name, options) }
  put(name: string, options?: VerbOptions): void { this.verb("PUT", name, options) }
  patch(name: string, options?: VerbOptions): void { this.verb("PATCH", name, options) }
  delete(name: string, options?: VerbOptions): void { this.verb("DELETE", name, options) }

  /** GET on the scope's own path: `root()` → `_root#index` at `/`; `root("pages#home")`. */
  root(to?: string): void {
    const {controller, action} = to ? this.resolveTarget(to, "root()") : {controller: this.state.controller, action: "index"}

    this.add("GET", this.state.collectionPath, controller, action)
  }

  namespace(name: string, callback: ScopeCallback): void {
    const segments = this.plainName(name, "namespace()")
    const controllerFolder = [...this.state.controllerFolder, ...segments]
    const path = [...this.state.nestedPath, ...segments]

    callback(new RouteScope(this.routes, {collectionPath: path, memberPath: undefined, controller: controllerFolder.join("/"), controllerFolder, nestedPath: path}))
  }

  resources(name: string, optionsOrCallback?: ResourcesOptions | ScopeCallback, maybeCallback?: ScopeCallback): void {
    const options = typeof optionsOrCallback === "function" ? {} : optionsOrCallback || {}
    const callback = typeof optionsOrCallback === "function" ? optionsOrCallback : maybeCallback

    checkKeys(options, ["only", "except"], `resources("${name}")`)

    const segments = this.plainName(name, "resources()")
    const controllerFolder = [...this.state.controllerFolder, ...segments]
    const controller = controllerFolder.join("/")
    const collection = [...this.state.nestedPath, ...segments]
    const member = [...collection, ":id"]
    const wanted = new Set(resourceActions.filter((action) => (!options.only || options.only.includes(action)) && !options.except?.includes(action)))
    const add = (action: ResourceAction, method: HttpMethod, path: string[]) => { if (wanted.has(action)) this.add(method, path, controller, action) }

    for (const action of [...options.only || [], ...options.except || []]) {
      if (!resourceActions.includes(action)) throw new RouteDefinitionError(`resources("${name}"): unknown action '${action}'. Resource actions are ${resourceActions.join(", ")}`)
    }

    const scope = new RouteScope(this.routes, {
      collectionPath: collection,
      memberPath: member,
      controller,
      controllerFolder,
      nestedPath: [...collection, `:${singularize(segments[segments.length - 1]).replace(/-/g, "_")}_id`]
    })

    // Custom routes first, so `/projects/archived` is not shadowed in the table's listing order;
    // matching itself prefers static segments over `:id` either way.
    callback?.(scope)

    add("index", "GET", collection)
    add("new", "GET", [...collection, "new"])
    add("create", "POST", collection)
    add("show", "GET", member)
    add("edit", "GET", [...member, "edit"])
    add("update", "PATCH", member)
    add("update", "PUT", member)
    add("destroy", "DELETE", member)
  }

  /** Routes under `/resources/:id` (only inside `resources`). */
  member(callback: ScopeCallback): void {
    if (!this.state.memberPath) throw new RouteDefinitionError("member() only works inside resources(...)")

    callback(new RouteScope(this.routes, {...this.state, collectionPath: this.state.memberPath, memberPath: undefined}))
  }

  /** Routes under `/resources` (the default inside `resources` already; here for Rails habits). */
  collection(callback: ScopeCallback): void {
    if (!this.state.memberPath) throw new RouteDefinitionError("collection() only works inside resources(...)")

    callback(new RouteScope(this.routes, {...this.state, memberPath: undefined}))
  }

  private verb(method: HttpMethod, name: string, options: VerbOptions = {}): void {
    const where = `${method.toLowerCase()}("${name}")`

    checkKeys(options, ["to", "on"], where)

    const segments = splitRoutePath(name, where)
    let base = this.state.collectionPath

    if (options.on === "member") {
      if (!this.state.memberPath) throw new RouteDefinitionError(`${where}: {on: "member"} only works inside resources(...)`)
      base = this.state.memberPath
    } else if (options.on !== undefined && options.on !== "collection") {
      throw new RouteDefinitionError(`${where}: on must be "member" or "collection", got ${JSON.stringify(options.on)}`)
    }

    let target: {controller: string, action: string}

    if (options.to) {
      target = this.resolveTarget(options.to, where)
    } else {
      if (segments.length !== 1 || isParamSegment(segments[0])) {
        throw new RouteDefinitionError(`${where}: a path with several segments or params needs a target, e.g. ${method.toLowerCase()}("${name}", {to: "controller#action"})`)
      }

      target = {controller: this.state.controller, action: camelize(segments[0])}
    }

    this.add(method, [...base, ...segments], target.controller, target.action)
  }

  private resolveTarget(to: string, where: string): {controller: string, action: string} {
    const [controllerPart, actionPart, ...rest] = to.split("#")

    if (rest.length > 0 || (actionPart === undefined ? !controllerPart : !actionPart)) {
      throw new RouteDefinitionError(`${where}: 'to' must be "controller#action" or "action", got '${to}'`)
    }

    if (actionPart === undefined) return {controller: this.state.controller, action: checkAction(camelize(controllerPart), where)}

    const controller = [...this.state.controllerFolder, ...controllerPart.split("/")].join("/")

    checkControllerPath(controller, where)

    return {controller, action: checkAction(camelize(actionPart), where)}
  }

  private plainName(name: string, where: string): string[] {
    const segments = splitRoutePath(name, `${where} "${name}"`)

    if (segments.length === 0 || segments.some(isParamSegment)) throw new RouteDefinitionError(`${where} needs a plain name such as "projects", got '${name}'`)

    return segments
  }

  private add(method: HttpMethod, segments: string[], controller: string, action: string): void {
    this.routes.push({method, path: joinPath(segments), controller, action})
  }
}

function checkAction(action: string, where: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(action)) throw new RouteDefinitionError(`${where}: '${action}' is not a valid action name`)

  return action
}
