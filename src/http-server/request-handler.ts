import type {IncomingMessage, ServerResponse} from "node:http"
// Imported rather than the global: node defines globalThis.performance as a lazy getter, so each
// use of the global was a getter call (about 200 instructions).
import {performance} from "node:perf_hooks"
import type Configuration from "../configuration.js"
import Logger from "../logger.js"
import type Routes from "../routes/index.js"
import {MalformedPathError} from "../routes/errors.js"
import ControllerLoader, {isLoadedAction, type LoadedController} from "./controller-loader.js"
import type Controller from "../controller.js"
import type {RouteDefinition, RouteMatch} from "../routes/route-definition.js"
import {errorResponse} from "./error-responses.js"
import {ActionNotFoundError, BadRequestError, HttpError, RouteNotFoundError} from "./errors.js"
import {parseNestedQuery, type Params} from "./nested-params.js"
import {parseBody, paramsInHand} from "./parse-body.js"
import {prefersJson} from "./prefers-json.js"
import {bodyBuffer, readBody, type DeferredBody} from "./read-body.js"
import Request from "./request.js"
import Response from "./response.js"
import {writeResponse} from "./write-response.js"
import {isThenable} from "../utils/promises.js"
import {withLocale} from "../translations/current-locale.js"
import {acceptsRequestLocales, requestLocale} from "../translations/request-locale.js"
import {withRequestAbility} from "../authorization/request-ability.js"
import {frontendModelRoutes, type FrontendModelRoutes} from "../frontend-models/endpoint-routes.js"
import {healthCheckResponse} from "./security/health-check.js"
import {httpSecurityFor, type HttpSecurity} from "./security/http-security.js"
import {requestIdFor} from "./security/request-id.js"
import {jsonRequestLine, textRequestLine} from "./security/request-log.js"

export interface RequestHandlerArgs {
  configuration: Configuration
  routes: Routes
  maxBodyBytes: number
  /** Asked per response: while shutting down, responses close their connection. */
  isShuttingDown?: () => boolean
  /** Called once each handle() is done, written and logged (the server counts requests in flight with it). */
  onHandled?: () => void
}

/** Route → controller → action for one request, and every error turned into a response. */
export default class RequestHandler {
  private readonly configuration: Configuration
  private readonly routes: Routes
  private readonly maxBodyBytes: number
  private readonly controllers: ControllerLoader
  private readonly logger: Logger
  private readonly isShuttingDown: () => boolean
  private readonly onHandled: (() => void) | undefined
  /** The backendProjects resources this app serves (see frontend-models/endpoint-routes.ts); undefined when none. */
  private readonly frontendModels: FrontendModelRoutes | undefined
  private readonly resolvesAbilities: boolean
  /** Whether a request could ask for a locale (more than one is configured); asked once, the answer is fixed for a running server. */
  private readonly acceptsLocales: boolean
  /** CORS, security headers, request ids, /up: worked out once from the configuration. */
  private readonly security: HttpSecurity

  constructor({configuration, routes, maxBodyBytes, isShuttingDown, onHandled}: RequestHandlerArgs) {
    this.configuration = configuration
    this.routes = routes
    this.maxBodyBytes = maxBodyBytes
    this.controllers = new ControllerLoader(configuration.getDirectory())
    this.logger = new Logger("HttpServer", {configuration})
    this.isShuttingDown = isShuttingDown || (() => false)
    this.onHandled = onHandled
    this.security = httpSecurityFor(configuration)
    // Compiled now, so a broken route table fails at boot.
    routes.compile()
    this.frontendModels = frontendModelRoutes(configuration)
    this.frontendModels?.register(this.controllers)
    this.resolvesAbilities = Boolean(configuration.options.abilityResolver)
    this.acceptsLocales = acceptsRequestLocales(configuration)
  }

  /**
   * Never throws, and returns nothing to wait on: every failure becomes an error response (or,
   * past the headers, a closed connection), and the request is written and logged once, from
   * whichever step finishes it.
   *
   * Why steps rather than one async function: an async function the size of this pipeline made
   * every request allocate its frame (a generator with a register for each of its locals, about
   * 1 KB of a hello's garbage, counted by bench/http/allocations.mjs) and resume it through the
   * microtask queue. As plain methods, a request whose controller is loaded, whose body is in
   * hand and whose action is synchronous runs in one call; an async action (most, as in the
   * README) costs one `.then()` on the promise it returns.
   */
  handle(incoming: IncomingMessage, outgoing: ServerResponse): void {
    // Asked once, up front: a request that will not be logged needs no start time either.
    const logged = this.logger.isLevelEnabled("info")
    const {security} = this
    const exchange = new Exchange(incoming, outgoing, security.requestIds ? requestIdFor(incoming) : undefined, this.isShuttingDown(), logged)

    try {
      const origin = security.cors === undefined ? undefined : incoming.headers.origin
      const {method, pathname} = exchange

      if (origin !== undefined && security.cors!.allowsOrigin(origin)) exchange.corsHeaders = security.cors!.responseHeaders(origin)

      const preflight = origin !== undefined && method === "OPTIONS" && incoming.headers["access-control-request-method"] !== undefined
      const match = preflight ? undefined : this.routes.match(method, pathname) || this.frontendModels?.match(method, pathname)

      if (!match) {
        // The preflight answer carries its own CORS headers.
        if (preflight) exchange.corsHeaders = undefined

        this.respondWhenReady(exchange, this.unrouted(method, pathname, incoming, preflight ? origin : undefined, exchange.requestId))

        return
      }

      const loaded = this.controllers.loaded(match.route.controller)

      if (loaded !== undefined) this.dispatch(exchange, match, loaded)
      else this.loadAndDispatch(exchange, match)
    } catch (error) {
      this.failed(exchange, error)
    }
  }

  // The steps that wait are methods of their own: a closure in a step would make every request
  // allocate that step's variables in a context, whether it waits or not.

  private respondWhenReady(exchange: Exchange, responding: Promise<Response>): void {
    responding.then((response) => this.respond(exchange, response), (error) => this.failed(exchange, error))
  }

  /** A controller's first request imports it. */
  private loadAndDispatch(exchange: Exchange, match: RouteMatch): void {
    this.controllers.load(match.route.controller).then((loaded) => this.dispatch(exchange, match, loaded), (error) => this.failed(exchange, error))
  }

  private readAndRunController(exchange: Exchange, match: RouteMatch, loaded: LoadedController, reading: Promise<Buffer>): void {
    reading.then((body) => this.runController(exchange, match, loaded, body), (error) => this.failed(exchange, error))
  }

  /** The matched route's controller is loaded: check the action and read the body. */
  private dispatch(exchange: Exchange, match: RouteMatch, loaded: LoadedController): void {
    try {
      const {action} = match.route

      if (!isLoadedAction(loaded, action)) throw new ActionNotFoundError(loaded.ControllerClass.name, action, loaded.displayFile)

      const reading = readBody(exchange.incoming, this.maxBodyBytes)

      if (reading instanceof Promise) this.readAndRunController(exchange, match, loaded, reading)
      else this.runController(exchange, match, loaded, reading)
    } catch (error) {
      this.failed(exchange, error)
    }
  }

  /** Request, params, response and controller, then the action. */
  private runController(exchange: Exchange, match: RouteMatch, {ControllerClass, viewDirectory}: LoadedController, body: Buffer | DeferredBody): void {
    let controller: Controller

    try {
      const {incoming, url, queryIndex} = exchange
      const {route} = match
      const request = exchange.request = new Request({incoming, body, requestId: exchange.requestId, queryIndex})
      const params = requestParams(url, queryIndex, body, request, match.params, (incoming as {[paramsInHand]?: Params})[paramsInHand])
      const response = exchange.response = new Response()

      exchange.route = route
      exchange.controllerClass = ControllerClass
      controller = new ControllerClass({configuration: this.configuration, request, response, params, route, action: route.action, viewDirectory})
      exchange.params = params
    } catch (error) {
      return this.failed(exchange, error)
    }

    try {
      const locale = this.acceptsLocales ? this.localeOf(exchange) : undefined

      if (locale === undefined && !this.resolvesAbilities) {
        // Most requests: no locale of their own and no abilityResolver, so no context to set
        // up; and runAction()'s two halves, waited on only where they return a promise (an
        // async action's own), so a request pays for no promise of the framework's.
        const started = controller.startAction()

        if (isThenable(started)) this.afterAction(exchange, controller, started)
        else this.finishAction(exchange, controller)
      } else {
        this.runActionInContext(exchange, controller, locale)
      }
    } catch (error) {
      this.actionFailed(exchange, error)
    }
  }

  private localeOf(exchange: Exchange): string | undefined {
    const {request} = exchange

    return requestLocale(this.configuration, {params: exchange.params!, header: (name) => request!.header(name)})
  }

  /**
   * The action in the request's own async context: its locale, and its ability where an
   * abilityResolver is configured (without one a request pays nothing for authorization). The
   * locale lives in that context so concurrent requests never see each other's. No database
   * connection is pinned per request: outside a transaction each statement borrows one from the
   * pool (see database/pool/statement-router.ts), so a request needs no async context at all
   * unless it asks for one.
   */
  private runActionInContext(exchange: Exchange, controller: Controller, locale: string | undefined): void {
    const run = this.resolvesAbilities
      ? () => withRequestAbility(this.configuration, {params: exchange.params!, request: exchange.request!, response: exchange.response!}, () => controller.runAction())
      : () => controller.runAction()

    withLocale(locale, run).then(() => this.respond(exchange, exchange.response!), (error) => this.actionFailed(exchange, error))
  }

  /** An async action (most): finishes once its promise settles. */
  private afterAction(exchange: Exchange, controller: Controller, started: PromiseLike<unknown>): void {
    started.then(() => this.finishAction(exchange, controller), (error) => this.actionFailed(exchange, error))
  }

  /** The action has run: the default render, views and after-callbacks, then the response. */
  private finishAction(exchange: Exchange, controller: Controller): void {
    try {
      const finished = controller.finishAction()

      if (finished === undefined) this.respond(exchange, exchange.response!)
      else finished.then(() => this.respond(exchange, exchange.response!), (error) => this.actionFailed(exchange, error))
    } catch (error) {
      this.actionFailed(exchange, error)
    }
  }

  /** An error from the action (or its callbacks and view), reported with where it happened. */
  private actionFailed(exchange: Exchange, error: unknown): void {
    const {route} = exchange

    this.failed(exchange, new ActionFailure(error, exchange.response!, {controller: exchange.controllerClass!.name, action: route!.action, route: `${route!.method} ${route!.path}`}))
  }

  /** Any failure on the way: an error response for it, then the same write and log line as any response. */
  private failed(exchange: Exchange, error: unknown): void {
    let response: Response

    try {
      const cause = error instanceof ActionFailure ? error.cause : error
      const httpError = cause instanceof HttpError ? cause : cause instanceof MalformedPathError ? new BadRequestError(cause.message) : undefined

      // After a refused body the rest of it is still on the socket: close rather than parse it as a request.
      if (httpError?.status === 413) exchange.closeConnection = true

      response = this.errorToResponse(error, httpError, exchange.incoming, exchange.request)
    } catch (bug) {
      this.answerHandlerBug(exchange, bug)

      return
    }

    this.respond(exchange, response)
  }

  /** The last step of every request: writes the response and logs the request line. */
  private respond(exchange: Exchange, response: Response): void {
    try {
      this.write(exchange, response)
    } catch (bug) {
      this.answerHandlerBug(exchange, bug)

      return
    }

    this.logRequest(exchange)
  }

  /**
   * A bug in the error handling itself: never leave the client hanging, and never throw (the
   * server does not wait on the request, and a throw inside a `.then()` would be an unhandled
   * rejection).
   */
  private answerHandlerBug(exchange: Exchange, bug: unknown): void {
    const {outgoing} = exchange

    void this.logger.error("Unhandled error in the request handler:", bug)

    try {
      if (!outgoing.headersSent) outgoing.writeHead(500, {"content-length": "0", connection: "close"}).end()
      else if (!outgoing.writableEnded) outgoing.destroy()
    } catch {
      outgoing.destroy()
    }

    this.logRequest(exchange)
  }

  private logRequest(exchange: Exchange): void {
    try {
      if (!exchange.logged) return

      const {method, pathname, requestId, incoming} = exchange
      const status = exchange.outgoing.statusCode
      const now = performance.now()
      const durationMs = now - exchange.started

      this.logger.infoLineAt(this.security.jsonRequestLog ? jsonRequestLine({method, path: pathname, status, durationMs, requestId, incoming}) : textRequestLine(method, pathname, status, durationMs), now)
    } finally {
      this.onHandled?.()
    }
  }

  /**
   * What answers a request no route matches: a CORS preflight (when cors is configured), the
   * health check, or a 404. Asked only after the route table missed, so matched requests pay nothing for them.
   */
  private async unrouted(method: string, pathname: string, incoming: IncomingMessage, origin: string | undefined, requestId: string | undefined): Promise<Response> {
    const {cors, healthCheck} = this.security

    if (origin !== undefined && cors && method === "OPTIONS" && incoming.headers["access-control-request-method"] !== undefined) {
      const headers = cors.preflightHeaders(origin, incoming.headers)

      if (!headers) return errorResponse({status: 403, message: `CORS preflight refused: the origin ${origin} may not send ${String(incoming.headers["access-control-request-method"])} with these headers (see the cors option)`, json: prefersJson(incoming.headers)})

      const response = new Response().setStatus(204)

      for (const name in headers) response.setHeader(name, headers[name])

      return response
    }

    if (healthCheck !== undefined && pathname === healthCheck.path && (method === "GET" || method === "HEAD")) {
      return healthCheckResponse(healthCheck, prefersJson(incoming.headers), (error) => { void this.logger.error(`Health check ${healthCheck.path} failed${requestId ? ` (request ${requestId})` : ""}:`, error) })
    }

    return errorResponse({status: 404, message: new RouteNotFoundError(method, pathname).message, json: prefersJson(incoming.headers)})
  }

  private write(exchange: Exchange, response: Response): void {
    const {outgoing, request} = exchange
    // Websocket request messages answer inside the socket: browser headers mean nothing there.
    const framing = {closeConnection: exchange.closeConnection, headerBlock: request?.isWebsocket() ? undefined : this.security.securityHeaderBlock, requestId: exchange.requestId, corsHeaders: exchange.corsHeaders}

    try {
      writeResponse(outgoing, response, framing)
    } catch (error) {
      // Headers a controller set that node:http refuses (e.g. a line break in a value).
      this.reportError(error, request, response, {phase: "write"})
      if (!outgoing.headersSent) writeResponse(outgoing, errorResponse({status: 500, message: "Internal server error", json: prefersJson(exchange.incoming.headers)}), framing)
      else outgoing.destroy()
    }
  }

  private errorToResponse(error: unknown, httpError: HttpError | undefined, incoming: IncomingMessage, request: Request | undefined): Response {
    const json = request ? request.acceptsJson() : prefersJson(incoming.headers)

    if (httpError) return errorResponse({status: httpError.status, message: httpError.message, json})

    const failure = error instanceof ActionFailure ? error : undefined
    const cause = failure ? failure.cause : error
    const production = this.configuration.getEnvironment() === "production"

    this.reportError(cause, request, failure?.response, failure?.context || {phase: "dispatch", path: incoming.url})

    const message = production ? "Internal server error" : `${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`

    return errorResponse({status: 500, message, json, stack: production || !(cause instanceof Error) ? undefined : cause.stack})
  }

  private reportError(error: unknown, request: Request | undefined, response: Response | undefined, context: Record<string, unknown>): void {
    const id = request?.requestId()

    void this.logger.error(`Error while handling ${request ? `${request.method()} ${request.pathname()}` : "a request"}${id ? ` (request ${id})` : ""}:`, error)

    try {
      this.configuration.getErrorEvents().reportFrameworkError({error, request, response, context})
    } catch (listenerError) {
      // A failing error listener must not take the response down with it.
      void this.logger.error("A framework-error listener threw:", listenerError)
    }
  }
}

/** One request on its way through RequestHandler's steps: what each step, the error response and the log line need. */
class Exchange {
  readonly method: string
  readonly url: string
  /** Where `?` is in url, -1 for none. */
  readonly queryIndex: number
  readonly pathname: string
  /** performance.now() at the start, taken only when the request is logged. */
  readonly started: number
  corsHeaders: Record<string, string> | undefined = undefined
  // Set as soon as they exist, so an error response and the error report can use them.
  request: Request | undefined = undefined
  response: Response | undefined = undefined
  params: Params | undefined = undefined
  route: RouteDefinition | undefined = undefined
  controllerClass: LoadedController["ControllerClass"] | undefined = undefined

  constructor(
    readonly incoming: IncomingMessage,
    readonly outgoing: ServerResponse,
    readonly requestId: string | undefined,
    /** Ask the client to close the connection after the response (shutting down, a refused body). */
    public closeConnection: boolean,
    readonly logged: boolean
  ) {
    const url = this.url = incoming.url || "/"
    const queryIndex = this.queryIndex = url.indexOf("?")

    this.method = incoming.method || "GET"
    this.pathname = queryIndex === -1 ? url : url.slice(0, queryIndex)
    this.started = logged ? performance.now() : 0
  }
}

/** Carries the controller's response and where it failed up to the error handler. */
class ActionFailure extends Error {
  override name = "ActionFailure"

  constructor(override readonly cause: unknown, readonly response: Response, readonly context: Record<string, unknown>) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}

function parsedBody(body: Buffer, request: Request): Params | undefined {
  return body.length === 0 ? undefined : parseBody(body, request.contentType())
}

/** Rails' precedence: path params over body params over the query string. */
function requestParams(url: string, queryIndex: number, body: Buffer | DeferredBody, request: Request, pathParams: Params, bodyParamsInHand: Params | undefined): Params {
  const query = queryIndex === -1 ? undefined : parseNestedQuery(url.slice(queryIndex + 1))
  const bodyParams = bodyParamsInHand ?? parsedBody(bodyBuffer(body), request)

  // The matcher makes a fresh object per request, so without a query or body it is the params as is.
  if (!query && !bodyParams) return pathParams

  // Object.assign, not a spread: see "Copying objects on hot paths" in the README.
  return Object.assign({}, query, bodyParams, pathParams)
}
