import {checkKeys} from "../utils/check-keys.js"

export type CallbackKind = "before" | "after"

export interface CallbackOptions {
  only?: string | string[]
  except?: string | string[]
}

export interface ControllerCallback {
  kind: CallbackKind
  /** A method name on the controller, or a function called with the controller as `this` and argument. */
  callback: string | ((controller: any) => unknown)
  only: string[] | undefined
  except: string[] | undefined
}

const ownCallbacks = new WeakMap<Function, ControllerCallback[]>()

interface ResolvedCallbacks {
  /** callbacksVersion these were worked out at */
  version: number
  byAction: Map<string, ActionCallbacks>
}

export type ActionCallbacks = Readonly<Record<CallbackKind, readonly ControllerCallback[]>>

/** callbacksFor() answers per class and action: asked twice per request, so worked out once. */
const resolvedCallbacks = new WeakMap<Function, ResolvedCallbacks>()
// Bumped by every addCallback(): a parent class gaining a callback changes its subclasses' answers too.
let callbacksVersion = 0

export function addCallback(controllerClass: Function, kind: CallbackKind, callback: ControllerCallback["callback"], options: CallbackOptions = {}): void {
  checkKeys(options, ["only", "except"], `${kind}Action() on ${controllerClass.name}`)

  if (typeof callback !== "string" && typeof callback !== "function") {
    throw new TypeError(`${kind}Action() on ${controllerClass.name} needs a method name or a function, got ${typeof callback}`)
  }

  const list = ownCallbacks.get(controllerClass) || []

  list.push({kind, callback, only: toList(options.only), except: toList(options.except)})
  ownCallbacks.set(controllerClass, list)
  callbacksVersion++
}

/**
 * The before and after callbacks that apply to `action`, each from the base class down to the
 * subclass (parents run first, like Rails). Both in one look-up: asked on every request.
 */
export function callbacksFor(controllerClass: Function, action: string): ActionCallbacks {
  let resolved = resolvedCallbacks.get(controllerClass)

  if (!resolved || resolved.version !== callbacksVersion) {
    resolved = {version: callbacksVersion, byAction: new Map()}
    resolvedCallbacks.set(controllerClass, resolved)
  }

  let callbacks = resolved.byAction.get(action)

  if (!callbacks) {
    callbacks = {before: collectCallbacks(controllerClass, "before", action), after: collectCallbacks(controllerClass, "after", action)}
    resolved.byAction.set(action, callbacks)
  }

  return callbacks
}

function collectCallbacks(controllerClass: Function, kind: CallbackKind, action: string): ControllerCallback[] {
  const chain: Function[] = []

  for (let each: any = controllerClass; each && each !== Function.prototype; each = Object.getPrototypeOf(each)) chain.unshift(each)

  return chain
    .flatMap((each) => ownCallbacks.get(each) || [])
    .filter((entry) => entry.kind === kind && (!entry.only || entry.only.includes(action)) && !entry.except?.includes(action))
}

function toList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined

  return Array.isArray(value) ? value : [value]
}
