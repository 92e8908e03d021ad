import type {CommandContext} from "../command.js"
import {loadAppRoutes} from "../../http-server/load-app-routes.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import type {RouteDefinition} from "../../routes/route-definition.js"

export function formatRouteTable(routes: readonly RouteDefinition[]): string {
  const rows = [["Method", "Path", "Controller", "Action"], ...routes.map((route) => [route.method, route.path, route.controller, route.action])]
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))

  return rows.map((row) => row.map((cell, column) => column === row.length - 1 ? cell : cell.padEnd(widths[column])).join("  ")).join("\n") + "\n"
}

/** Prints the compiled route table: method, path, controller folder and action. */
export default async function routesCommand({cwd, stdout}: CommandContext): Promise<number> {
  // The routes file may import app code that expects a current configuration.
  await loadAppConfiguration(cwd, {required: false})

  const routes = await loadAppRoutes(cwd)

  routes.compile()
  stdout.write(formatRouteTable(routes.getRoutes()))

  return 0
}
