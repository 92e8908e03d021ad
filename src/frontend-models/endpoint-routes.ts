import path from "node:path"
import type Configuration from "../configuration.js"
import type ControllerLoader from "../http-server/controller-loader.js"
import type {RouteDefinition, RouteMatch} from "../routes/route-definition.js"
import FrontendModelsController from "./frontend-models-controller.js"
import {normalizeBackendProjects, type BackendProject, type FrontendModelCommand, type FrontendModelResource} from "./resource-config.js"

/** A colon keeps it apart from every controller folder a route table can name. */
export const frontendModelsControllerName = "velocious:frontend-models"

export interface FrontendModelRoute extends RouteDefinition {
  frontendModel: {project: BackendProject, resource: FrontendModelResource, command: FrontendModelCommand}
}

/**
 * `POST <resource path>/<command segment>` for the resources of the backend projects this app
 * is (a project whose `path` is the app's directory). Looked up only when no app route matches,
 * so an app can still override an endpoint with a route of its own.
 */
export class FrontendModelRoutes {
  private readonly routes = new Map<string, FrontendModelRoute>()

  constructor(projects: BackendProject[]) {
    for (const project of projects) {
      for (const resource of project.resources) {
        for (const [command, segment] of Object.entries(resource.commands)) {
          const routePath = `${resource.path}/${segment}`

          this.routes.set(routePath, {method: "POST", path: routePath, controller: frontendModelsControllerName, action: "command", frontendModel: {project, resource, command: command as FrontendModelCommand}})
        }
      }
    }
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    if (method.toUpperCase() !== "POST") return undefined

    const route = this.routes.get(pathname)

    return route ? {route, params: {}} : undefined
  }

  register(loader: ControllerLoader): void {
    loader.register(frontendModelsControllerName, {ControllerClass: FrontendModelsController, displayFile: "velocious frontend models", viewDirectory: ""})
  }

  getRoutes(): FrontendModelRoute[] {
    return [...this.routes.values()]
  }
}

/** The projects of `backendProjects` this app serves; undefined when it serves none. */
export function frontendModelRoutes(configuration: Configuration): FrontendModelRoutes | undefined {
  const projects = normalizeBackendProjects(configuration.options.backendProjects)

  if (projects.length === 0) return undefined

  const directory = path.resolve(configuration.getDirectory())
  const served = projects.filter((project) => path.resolve(directory, project.path) === directory)

  return served.length > 0 ? new FrontendModelRoutes(served) : undefined
}
