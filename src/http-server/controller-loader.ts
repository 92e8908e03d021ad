import path from "node:path"
import {pathToFileURL} from "node:url"
import Controller from "../controller.js"
import {findAppFile} from "../utils/app-file.js"
import {registerTypeScriptFor} from "../utils/typescript-loader.js"
import {ControllerNotFoundError} from "./errors.js"

export interface LoadedController {
  ControllerClass: typeof Controller
  /** App-relative file, for messages */
  displayFile: string
  viewDirectory: string
  /** Actions isLoadedAction() has found on the class; made on the first request. */
  knownActions?: Set<string>
}

export const routesDirectory = "src/routes"

/**
 * Finds and imports src/routes/<controller>/controller.(js|ts) once per controller. The
 * controller path always comes from the compiled route table (validated plain names), never
 * from the request URL, so no request can point this at another file.
 */
export default class ControllerLoader {
  private readonly loading = new Map<string, Promise<LoadedController>>()
  private readonly imported = new Map<string, LoadedController>()

  constructor(private readonly appDirectory: string) {}

  /** The controller when it has been imported already: the usual case, answered without a promise. */
  loaded(controller: string): LoadedController | undefined {
    return this.imported.get(controller)
  }

  /** A controller the framework itself provides (frontend-model endpoints), under a name no app folder can have. */
  register(controller: string, loaded: LoadedController): void {
    this.imported.set(controller, loaded)
  }

  load(controller: string): Promise<LoadedController> {
    let loading = this.loading.get(controller)

    if (!loading) {
      loading = this.import(controller)
      loading.then((loaded) => { this.imported.set(controller, loaded) }, () => {
        // A failed load is retried on the next request (the file may have been added meanwhile).
        this.loading.delete(controller)
      })
      this.loading.set(controller, loading)
    }

    return loading
  }

  private async import(controller: string): Promise<LoadedController> {
    const base = `${routesDirectory}/${controller}/controller`
    const file = findAppFile(this.appDirectory, base)

    if (!file) throw new ControllerNotFoundError(`No controller for the '${controller}' routes: create ${base}.js (or .ts) exporting \`default class extends Controller\``)

    await registerTypeScriptFor([file])

    const loaded = await import(pathToFileURL(file).href)
    const ControllerClass = loaded.default
    const displayFile = path.relative(this.appDirectory, file)

    if (typeof ControllerClass !== "function" || !(ControllerClass.prototype instanceof Controller || typeof ControllerClass.prototype?.runAction === "function")) {
      throw new ControllerNotFoundError(`${displayFile} must \`export default class ... extends Controller\` (from velocious/build/src/controller.js)`)
    }

    return {ControllerClass, displayFile, viewDirectory: path.dirname(file)}
  }
}

/** Whether `action` is an action the app defined, not a Controller method or an Object builtin. */
export function isAction(ControllerClass: typeof Controller, action: string): boolean {
  for (let prototype = ControllerClass.prototype; prototype && prototype !== Controller.prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    if (action !== "constructor" && Object.prototype.hasOwnProperty.call(prototype, action)) return typeof (prototype as unknown as Record<string, unknown>)[action] === "function"
  }

  return false
}

/**
 * isAction() for a loaded controller, remembered once true: walking the prototype chain with
 * hasOwnProperty() per request was about 300 instructions of a hello (callgrind), a set look-up
 * is a fraction of that. A false answer is not kept (it is an error response, and a method
 * added to the class later would then be found).
 */
export function isLoadedAction(loaded: LoadedController, action: string): boolean {
  const known = loaded.knownActions ||= new Set()

  if (known.has(action)) return true
  if (!isAction(loaded.ControllerClass, action)) return false

  known.add(action)

  return true
}
