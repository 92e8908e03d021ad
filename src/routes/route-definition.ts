export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const

export type HttpMethod = typeof httpMethods[number]

/** One line of the route table: a method and path pattern, and the controller action it runs. */
export interface RouteDefinition {
  method: HttpMethod
  /** e.g. `/tasks/:task_id/comments/:id`; `/` for the root */
  path: string
  /** Folder under src/routes holding controller.(js|ts): `projects`, `_root`, `tasks/comments` */
  controller: string
  /** The controller method (camelCase) */
  action: string
}

export interface RouteMatch {
  route: RouteDefinition
  /** Values of the path's `:params`, URL-decoded */
  params: Record<string, string>
}
