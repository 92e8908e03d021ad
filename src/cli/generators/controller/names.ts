import Controller from "../../../controller.js"
import {camelize, classify, dasherize} from "../../../utils/inflection.js"

export class GeneratorNameError extends Error {
  override name = "GeneratorNameError"
}

/** One controller as the generator writes it: folder under src/routes, class name, actions. */
export interface ControllerPlan {
  /** `admin/users`: the folder under src/routes and the route table's controller */
  folder: string
  /** `["admin"]` for `admin/users` */
  namespaces: string[]
  /** Last folder segment, `users` */
  baseName: string
  /** `AdminUsersController` */
  className: string
  actions: ActionPlan[]
}

export interface ActionPlan {
  /** The controller method, `markDone` */
  method: string
  /** View file name and URL segment, `mark-done` (what the router camelizes back to `markDone`) */
  dashed: string
}

// Letters and digits in words joined by single `-` or `_`; anything else (dots, slashes in an
// action, a leading `_`) would make a path or method the router refuses or cannot reach.
const word = /^[A-Za-z][A-Za-z0-9]*([-_][A-Za-z0-9]+)*$/

function checkWord(value: string, what: string, example: string): void {
  if (!word.test(value)) throw new GeneratorNameError(`${what} is not a valid name: use letters and digits, words joined by '-' or '_' (e.g. ${example})`)
}

/** Methods every controller inherits (render, params, ...): an action by that name would replace them. */
function reservedAction(method: string): boolean {
  return method === "constructor" || method in Controller.prototype || method in Object.prototype
}

export function controllerPlan(rawName: string, rawActions: string[]): ControllerPlan {
  const segments = rawName.split("/").map((part) => {
    checkWord(part, `Controller name '${rawName}'`, "tasks, project-details, admin/users")

    return dasherize(part)
  })
  const actions: ActionPlan[] = []

  for (const rawAction of rawActions) {
    checkWord(rawAction, `Action '${rawAction}'`, "index, show, mark-done")

    const method = camelize(dasherize(rawAction))
    // From the method back, as Controller#render() finds an action's view (`mark-2` → mark2 → mark2.ejs).
    const dashed = dasherize(method)

    if (reservedAction(method)) throw new GeneratorNameError(`Action '${rawAction}' would replace Controller#${method}, which every controller needs; choose another name`)
    if (!actions.some((action) => action.method === method)) actions.push({method, dashed})
  }

  return {
    folder: segments.join("/"),
    namespaces: segments.slice(0, -1),
    baseName: segments[segments.length - 1],
    className: `${segments.map((part) => classify(part)).join("")}Controller`,
    actions
  }
}
