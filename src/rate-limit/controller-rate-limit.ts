import {addCallback, type CallbackOptions} from "../controller/callbacks.js"
import {httpSecurityFor} from "../http-server/security/http-security.js"
import Logger from "../logger.js"
import {checkKeys} from "../utils/check-keys.js"
import type {RateLimitStore} from "./store.js"

/** The controller as rateLimit() uses it (kept structural so this module needs no import of Controller). */
interface LimitedController {
  getConfiguration(): Parameters<typeof httpSecurityFor>[0]
  getRequest(): {remoteAddress(): string | undefined, acceptsJson(): boolean}
  getResponse(): {setHeader(name: string, value: string): unknown}
  getRoute(): {controller: string} | undefined
  isPerformed(): boolean
  renderJson(value: unknown, options?: {status?: number}): void
  render(options: {text: string, status: number}): void
}

export interface RateLimitOptions extends CallbackOptions {
  /** Requests allowed per window */
  to: number
  /** The window, in seconds (Rails: `within: 3.minutes` → `within: 180`) */
  within: number
  /** What is counted: by default the client's IP address. Called with the controller. */
  by?: (controller: any) => string | number | Promise<string | number>
  /** Answers a limited request; by default 429 "Too many requests" (JSON or text). */
  with?: (controller: any) => unknown
  /** Default: the configuration's rateLimitStore */
  store?: RateLimitStore
  /** Tells two limits of one controller apart (Rails' `name:`) */
  name?: string
}

const optionKeys = ["to", "within", "by", "with", "store", "name", "only", "except"]

/** Rails 8's rate_limit: a before-action that counts and answers 429 past `to` requests per `within` seconds. */
export function addRateLimit(controllerClass: Function, options: RateLimitOptions): void {
  const where = `rateLimit() on ${controllerClass.name}`

  checkKeys(options, optionKeys, where)

  const {to, within, by, with: onLimited, store, name, only, except} = options

  if (!Number.isInteger(to) || to < 1) throw new TypeError(`${where}: to must be a whole number of requests of 1 or more, got ${String(to)}`)
  if (typeof within !== "number" || !Number.isFinite(within) || within <= 0) throw new TypeError(`${where}: within must be a number of seconds above 0, got ${String(within)}`)
  if (by !== undefined && typeof by !== "function") throw new TypeError(`${where}: by must be a function of the controller, e.g. (controller) => controller.params().email`)
  if (onLimited !== undefined && typeof onLimited !== "function") throw new TypeError(`${where}: with must be a function of the controller that renders the answer`)
  if (store !== undefined && typeof store?.increment !== "function") throw new TypeError(`${where}: store must be a rate limit store (MemoryRateLimitStore, RedisRateLimitStore)`)

  const windowMs = within * 1000

  addCallback(controllerClass, "before", async (controller: LimitedController) => {
    const counted = by ? await by.call(controller, controller) : controller.getRequest().remoteAddress()
    const scope = controller.getRoute()?.controller ?? controllerClass.name
    const key = name ? `rate-limit:${scope}:${name}:${String(counted)}` : `rate-limit:${scope}:${String(counted)}`
    let windowCount: {count: number, resetAt: number}

    try {
      windowCount = await (store || httpSecurityFor(controller.getConfiguration()).rateLimitStore()).increment(key, windowMs)
    } catch (error) {
      // As Rails' rate_limit over a failing cache: the app stays up, unlimited, and says why.
      void new Logger("RateLimit", {configuration: controller.getConfiguration()}).error(`The rate limit store failed, so ${key} was not limited:`, error)
      return
    }

    const {count, resetAt} = windowCount

    if (count <= to) return

    controller.getResponse().setHeader("retry-after", String(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))))

    if (onLimited) await onLimited.call(controller, controller)
    if (controller.isPerformed()) return

    if (controller.getRequest().acceptsJson()) controller.renderJson({error: "Too many requests", status: 429}, {status: 429})
    else controller.render({text: "Too many requests", status: 429})
  }, {only, except})
}
