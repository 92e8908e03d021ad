import path from "node:path"
import type Configuration from "./configuration.js"
import type Cookie from "./cookies/cookie.js"
import {encryptCookieValue, requireSecret} from "./cookies/cookie-encryption.js"
import {readRequestCookies} from "./cookies/read-request-cookies.js"
import {setCookieHeader, type CookieOptions} from "./cookies/set-cookie-header.js"
import {addCallback, callbacksFor, type ActionCallbacks, type CallbackOptions, type ControllerCallback} from "./controller/callbacks.js"
import {DoubleRenderError} from "./controller/errors.js"
import {jsonBody} from "./controller/json-body.js"
import {checkRenderOptions, type RenderOptions} from "./controller/render-options.js"
import {hiddenField, maskedToken, metaTags, needsToken, skipForgeryProtection, verifyAuthenticityToken} from "./controller/forgery-protection.js"
import Session, {loadSession} from "./controller/session.js"
import {httpSecurityFor} from "./http-server/security/http-security.js"
import {addRateLimit, type RateLimitOptions} from "./rate-limit/controller-rate-limit.js"
import type Request from "./http-server/request.js"
import type Response from "./http-server/response.js"
import type {Params} from "./http-server/nested-params.js"
import Logger from "./logger.js"
import type {RouteDefinition} from "./routes/route-definition.js"
import {checkKeys} from "./utils/check-keys.js"
import {isThenable} from "./utils/promises.js"
import {dasherize} from "./utils/inflection.js"
import {InvalidViewNameError} from "./views/errors.js"
import {renderView} from "./views/view-renderer.js"
import {translatorFor} from "./translations/translate.js"

export type {CookieOptions} from "./cookies/set-cookie-header.js"
export type {CallbackOptions} from "./controller/callbacks.js"
export type {RenderOptions} from "./controller/render-options.js"
export type {Params} from "./http-server/nested-params.js"
export type {RateLimitOptions} from "./rate-limit/controller-rate-limit.js"
export {DoubleRenderError} from "./controller/errors.js"
export type {default as Session} from "./controller/session.js"

export interface ControllerArgs {
  configuration: Configuration
  request: Request
  response: Response
  params: Params
  /** The matched route (absent when a controller is built by hand, e.g. in a unit spec). */
  route?: RouteDefinition
  action: string
  /** Absolute src/routes/<controller> folder, where the views live */
  viewDirectory: string
}

type PendingView = {view: string, locals: Record<string, unknown>}

const jsonContentType = "application/json; charset=utf-8"
const viewNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_-]*(\/[A-Za-z0-9_][A-Za-z0-9_-]*)*$/

/**
 * Base class of the app's controllers (src/routes/<path>/controller.js). One instance per
 * request. `render(...)` only records what to send: views render after the action returns,
 * so an action may call it without awaiting, and an action that renders nothing renders its
 * own view (`anotherAction` → another-action.ejs), as in Rails.
 */
export default class Controller {
  static beforeAction(callback: string | ((controller: any) => unknown), options?: CallbackOptions): void {
    addCallback(this, "before", callback, options)
  }

  static afterAction(callback: string | ((controller: any) => unknown), options?: CallbackOptions): void {
    addCallback(this, "after", callback, options)
  }

  /** Rails 8's rate_limit: past `to` requests per `within` seconds (per IP unless `by` says otherwise) the action answers 429. */
  static rateLimit(options: RateLimitOptions): void {
    addRateLimit(this, options)
  }

  /** Turns CSRF protection off for this controller's actions (or those in only/except), e.g. for webhooks. */
  static skipForgeryProtection(options?: CallbackOptions): void {
    skipForgeryProtection(this, options)
  }

  private readonly args: ControllerArgs
  // Made on the first assignView(): most actions render JSON and assign none.
  private viewLocals: Record<string, unknown> | undefined
  private performed = false
  private pendingView: PendingView | undefined
  // Set by startAction() for finishAction().
  private actionCallbacks: ActionCallbacks | undefined
  private cookieCache: Cookie[] | undefined
  private sessionCache: Session | undefined

  constructor(args: ControllerArgs) {
    this.args = args
  }

  params(): Params {
    return this.args.params
  }

  getParams(): Params {
    return this.args.params
  }

  getRequest(): Request {
    return this.args.request
  }

  getResponse(): Response {
    return this.args.response
  }

  getConfiguration(): Configuration {
    return this.args.configuration
  }

  getAction(): string {
    return this.args.action
  }

  getRoute(): RouteDefinition | undefined {
    return this.args.route
  }

  /** Whether a response has been chosen (render, renderJson, redirect, head). */
  isPerformed(): boolean {
    return this.performed
  }

  /** Locals for the view, merged with earlier assignments. */
  assignView(locals: Record<string, unknown>): void {
    this.viewLocals = Object.assign({}, this.viewLocals, locals)
  }

  /** Sends `value` as JSON; records render through their toJSON() (see json-body.ts for how Dates are written). */
  renderJson(value: unknown, options?: {status?: number}): void {
    // The common render, kept off render()'s option copying and checking: it runs on most API requests.
    if (options !== undefined) checkKeys(options, ["status"], "renderJson()")
    this.markPerformed("render")

    const response = this.getResponse()

    response.setStatus(options?.status ?? 200)
    response.setLowerCaseHeader("content-type", jsonContentType)
    response.setBody(jsonBody(value))
  }

  /** The same as renderJson (the name the README uses). */
  renderJsonArg(value: unknown, options: {status?: number} = {}): void {
    this.renderJson(value, options)
  }

  /**
   * `render()` → the action's view; `render("name", {status, locals})` → name.ejs beside the
   * controller; `render({json | html | text | view, status, locals, contentType})`.
   */
  render(viewOrOptions?: string | RenderOptions, extra: Omit<RenderOptions, "view" | "json" | "html" | "text"> = {}): void {
    const options: RenderOptions = typeof viewOrOptions === "string" ? Object.assign({}, extra, {view: viewOrOptions}) : Object.assign({}, extra, viewOrOptions)

    checkRenderOptions(options)
    this.markPerformed("render")

    const response = this.getResponse()

    response.setStatus(options.status ?? 200)

    if ("json" in options) {
      response.setLowerCaseHeader("content-type", options.contentType || jsonContentType)
      response.setBody(jsonBody(options.json))
    } else if ("html" in options) {
      response.setLowerCaseHeader("content-type", options.contentType || "text/html; charset=utf-8")
      response.setBody(String(options.html))
    } else if ("text" in options) {
      response.setLowerCaseHeader("content-type", options.contentType || "text/plain; charset=utf-8")
      response.setBody(String(options.text))
    } else {
      response.setLowerCaseHeader("content-type", options.contentType || "text/html; charset=utf-8")
      this.pendingView = {view: options.view || dasherize(this.getAction()), locals: options.locals || {}}
    }
  }

  /** An empty response with a status (`head(204)`). */
  head(status: number): void {
    this.markPerformed("head")
    this.getResponse().setStatus(status).setBody("")
  }

  redirect(url: string, {status = 302}: {status?: number} = {}): void {
    if (/[\r\n]/.test(url)) throw new TypeError("redirect() got a URL with a line break; refusing to put it in a header")

    this.markPerformed("redirect")
    this.getResponse().setStatus(status).setHeader("location", url).setHeader("content-type", "text/html; charset=utf-8").setBody("")
  }

  /** Adds a Set-Cookie header; `encrypted: true` encrypts the value with cookieSecret (AES-256-GCM). */
  setCookie(name: string, value: string, options: CookieOptions = {}): void {
    const {encrypted, ...rest} = options

    if (rest.secure === undefined && httpSecurityFor(this.getConfiguration()).secureCookies) rest.secure = true

    const stored = encrypted ? encryptCookieValue(name, String(value), requireSecret(this.getConfiguration().options.cookieSecret)) : String(value)

    this.getResponse().addSetCookie(setCookieHeader(name, stored, rest))
  }

  /** Expires a cookie in the browser (path and domain must match how it was set). */
  deleteCookie(name: string, {path: cookiePath, domain}: {path?: string, domain?: string} = {}): void {
    this.getResponse().addSetCookie(setCookieHeader(name, "", {path: cookiePath, domain, maxAge: 0, expires: new Date(0)}))
  }

  /** The cookies the request carried; encrypted ones decrypted, and left out when they do not decrypt. */
  getCookies(): Cookie[] {
    this.cookieCache ||= readRequestCookies({
      header: this.getRequest().header("cookie"),
      secret: this.getConfiguration().options.cookieSecret,
      onRejected: (name) => { void new Logger("Cookies", {configuration: this.getConfiguration()}).debug(`Ignored encrypted cookie '${name}': it did not decrypt with cookieSecret (tampered, or set with another secret)`) }
    })

    return this.cookieCache
  }

  /** The session: values kept across requests in an encrypted, authenticated cookie (needs cookieSecret). */
  session(): Session {
    this.sessionCache ||= loadSession(this.getCookies(), httpSecurityFor(this.getConfiguration()).session, this.getConfiguration().options.cookieSecret)

    return this.sessionCache
  }

  /** A CSRF token for a form (a new masking each call; all of them valid for this session). */
  formAuthenticityToken(): string {
    return maskedToken(this.session())
  }

  /** `<meta name="csrf-param">` and `<meta name="csrf-token">` for the layout's <head> (empty when CSRF protection is off), for scripts sending X-CSRF-Token. */
  csrfMetaTags(): string {
    return httpSecurityFor(this.getConfiguration()).csrfProtection ? metaTags(this.formAuthenticityToken()) : ""
  }

  /** The hidden authenticity_token input for a <form method="post"> (empty when CSRF protection is off). */
  authenticityTokenField(): string {
    return httpSecurityFor(this.getConfiguration()).csrfProtection ? hiddenField(this.formAuthenticityToken()) : ""
  }

  /** Runs before-callbacks, the action and after-callbacks, then renders a pending view. */
  async runAction(): Promise<void> {
    const started = this.startAction()

    if (isThenable(started)) await started

    await this.finishAction()
  }

  /**
   * runAction() in two halves, for the server: it awaits what startAction() returns only when
   * that is a promise, then calls finishAction(), which returns a promise only when a view or an
   * after-callback has work to wait for. An async runAction() was a frame of its own and one
   * more microtask turn on every request (bench/http/instructions.mjs). Either half throws
   * synchronously where runAction() would reject.
   *
   * startAction() returns the action's own result (a promise for an async action), or, with
   * before-callbacks, a promise of running them and then the action.
   */
  startAction(): unknown {
    const action = this.getAction()
    const controllerClass = this.constructor
    const method = this.args.request.getIncomingMessage().method

    // Rails' protect_from_forgery, ahead of every callback; safe methods (most requests) skip it at once.
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") this.protectFromForgery(controllerClass, action)

    const callbacks = this.actionCallbacks = callbacksFor(controllerClass, action)

    if (callbacks.before.length > 0) return this.runBeforeCallbacksAndAction(callbacks.before)

    return (this as unknown as Record<string, () => unknown>)[action]()
  }

  /** The second half of runAction() (see startAction()): the default render, a pending view, after-callbacks and the session cookie. */
  finishAction(): Promise<void> | undefined {
    if (!this.performed) this.render()

    const after = this.actionCallbacks?.after

    if (this.pendingView || (after !== undefined && after.length > 0)) return this.finishActionAsync(after)

    this.commitSession()

    return undefined
  }

  private async runBeforeCallbacksAndAction(before: readonly ControllerCallback[]): Promise<void> {
    // Index loops: runs per request, and for...of allocates an iterator even for an empty list.
    for (let index = 0; index < before.length; index++) {
      await this.runCallback(before[index])

      // A before-callback that renders or redirects halts the chain, as in Rails.
      if (this.performed) return
    }

    const result = (this as unknown as Record<string, () => unknown>)[this.getAction()]()

    // Awaited only when it is a promise: an await costs a microtask turn even on a plain value.
    if (isThenable(result)) await result
  }

  private async finishActionAsync(after: readonly ControllerCallback[] | undefined): Promise<void> {
    if (this.pendingView) await this.renderPendingView()

    if (after !== undefined) for (let index = 0; index < after.length; index++) await this.runCallback(after[index])

    this.commitSession()
  }

  private commitSession(): void {
    if (this.sessionCache?.isChanged()) this.sessionCache.commit(this.getResponse(), httpSecurityFor(this.getConfiguration()).session, this.getConfiguration().options.cookieSecret!)
  }

  private protectFromForgery(controllerClass: Function, action: string): void {
    const configuration = this.getConfiguration()

    if (!httpSecurityFor(configuration).csrfProtection || !needsToken(this.getRequest(), controllerClass, action)) return

    verifyAuthenticityToken({
      request: this.getRequest(),
      params: this.params(),
      session: () => configuration.options.cookieSecret ? this.session() : undefined
    })
  }

  private async runCallback(entry: ControllerCallback): Promise<void> {
    if (typeof entry.callback === "function") {
      await entry.callback.call(this, this)
      return
    }

    const method = (this as unknown as Record<string, unknown>)[entry.callback]

    if (typeof method !== "function") throw new TypeError(`${this.constructor.name} has a ${entry.kind}Action callback '${entry.callback}' but no such method`)

    await method.call(this)
  }

  private async renderPendingView(): Promise<void> {
    const pending = this.pendingView

    if (!pending) return

    this.pendingView = undefined

    if (!viewNamePattern.test(pending.view)) throw new InvalidViewNameError(`'${pending.view}' is not a valid view name: use a file name beside the controller without .ejs, such as "show"`)

    const file = path.join(this.args.viewDirectory, `${pending.view}.ejs`)
    const configuration = this.getConfiguration()
    const html = await renderView({
      file,
      displayPath: path.relative(configuration.getDirectory(), file),
      reload: configuration.getEnvironment() === "development",
      locals: {_: translatorFor(configuration), ...this.viewLocals, ...pending.locals, controller: this, params: this.params(), request: this.getRequest()}
    })

    this.getResponse().setBody(html)
  }

  private markPerformed(what: string): void {
    if (this.performed) {
      throw new DoubleRenderError(`${what}() was called after the response was already chosen in ${this.constructor.name}#${this.getAction()}. Call render/redirect once per action (add \`return\` after the first)`)
    }

    this.performed = true
  }
}
