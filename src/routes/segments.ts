import {RouteDefinitionError} from "./errors.js"

// Route names become URL segments and controller folder names, so only plain names pass:
// never `..`, slashes or anything else that could point a lookup outside src/routes.
const staticSegment = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/
const paramSegment = /^:[A-Za-z_][A-Za-z0-9_]*$/

export function isParamSegment(segment: string): boolean {
  return segment.startsWith(":")
}

/** `"users/:id"` → `["users", ":id"]`, rejecting anything that is not a plain name or `:param`. */
export function splitRoutePath(routePath: string, where: string): string[] {
  const segments = routePath.split("/").filter((segment) => segment !== "")

  for (const segment of segments) {
    if (segment.includes("..") || !(staticSegment.test(segment) || paramSegment.test(segment))) {
      throw new RouteDefinitionError(`${where}: '${segment}' in '${routePath}' is not a valid route segment. Use letters, digits, '-', '_' (or ':param')`)
    }
  }

  return segments
}

/** Controller folders are plain names only; no params. */
export function checkControllerPath(controller: string, where: string): void {
  for (const segment of controller.split("/")) {
    if (!staticSegment.test(segment) || segment.includes("..")) {
      throw new RouteDefinitionError(`${where}: '${controller}' is not a valid controller path. Use folder names under src/routes such as 'projects' or 'api/versions'`)
    }
  }
}

export function joinPath(segments: string[]): string {
  return `/${segments.join("/")}`
}
