import type {ControllerPlan} from "./names.js"

/**
 * One generated route, Rails' `get "tasks/index"` spelled for Velocious' DSL: a multi-segment
 * path needs an explicit target, so `route.get("tasks/index", {to: "tasks#index"})`. Inside a
 * namespace both are relative to it (`users/index` → `admin/users#index`).
 */
export interface GeneratedRoute {
  path: string
  controller: string
  action: string
  /** Also accepted as the target's action when looking for an existing route (`mark-done`). */
  dashedAction: string
}

export function generatedRoutes(plan: ControllerPlan): GeneratedRoute[] {
  return plan.actions.map((action) => ({
    path: `${plan.baseName}/${action.dashed}`,
    controller: plan.baseName,
    action: action.method,
    dashedAction: action.dashed
  }))
}

export function routeStatement(param: string, route: GeneratedRoute): string {
  return `${param}.get("${route.path}", {to: "${route.controller}#${route.action}"})`
}

/** The lines to put in a scope named `param`, wrapped in `namespace` blocks (two-space steps, no base indentation). */
export function routeStatements(param: string, namespaces: string[], routes: GeneratedRoute[]): string[] {
  if (namespaces.length === 0) return routes.map((route) => routeStatement(param, route))

  return [
    `${param}.namespace("${namespaces[0]}", (${param}) => {`,
    ...routeStatements(param, namespaces.slice(1), routes).map((line) => `  ${line}`),
    `})`
  ]
}
