import type {IncomingMessage, ServerResponse} from "node:http"
import type Configuration from "../configuration.js"
import Logger from "../logger.js"
import type Routes from "../routes/index.js"
import {MalformedPathError} from "../routes/errors.js"
import ControllerLoader, {isLoadedAction} from "./controller-loader.js"
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

  /** Never rejects: every failure becomes an error response (or, past the headers, a closed connection). */
  async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    // Asked once, up front: a request that will not be logged needs no start time either.
    const logged = this.logger.isLevelEnabled("info")
    const started = logged ? performance.now() : 0
    const method = incoming.method || "GET"
    const url = incoming.url || "/"
    const queryIndex = url.indexOf("?")
    const pathname = queryIndex === -1 ? url : url.slice(0, queryIndex)
    // Set as soon as they exist, so an error response and the error report can use them.
    let request: Request | undefined
    let response: Response | undefined
    let closeConnection = this.isShuttingDown()
    const {security} = this
    const requestId = security.requestIds ? requestIdFor(incoming) : undefined
    const origin = security.cors === undefined ? undefined : incoming.headers.origin
    let corsHeaders: Record<string, string> | undefined

    try {
      try {
        if (origin !== undefined && security.cors!.allowsOrigin(origin)) corsHeaders = security.cors!.responseHeaders(origin)

        const preflight = origin !== undefined && method === "OPTIONS" && incoming.headers["access-control-request-method"] !== undefined
        const match = preflight ? undefined : this.routes.match(method, pathname) || this.frontendModels?.match(method, pathname)

        if (!match) {
          response = await this.unrouted(method, pathname, incoming, preflight ? origin : undefined, requestId)
          // The preflight answer carries its own CORS headers.
          if (preflight) corsHeaders = undefined
        } else {
          const {route} = match
          const loaded = this.controllers.loaded(route.controller) || await this.controllers.load(route.controller)
          const {ControllerClass, displayFile, viewDirectory} = loaded
          const {action} = route

          if (!isLoadedAction(loaded, action)) throw new ActionNotFoundError(ControllerClass.name, action, displayFile)

          const reading = readBody(incoming, this.maxBodyBytes)
          const body = reading instanceof Promise ? await reading : reading

          request = new Request({incoming, body, requestId, queryIndex})

          const params = requestParams(url, queryIndex, body, request, match.params, (incoming as {[paramsInHand]?: Params})[paramsInHand])

          response = new Response()

          const controller = new ControllerClass({configuration: this.configuration, request, response, params, route, action, viewDirectory})

          try {
            const locale = this.acceptsLocales ? requestLocale(this.configuration, {params, header: (name) => request!.header(name)}) : undefined

            if (locale === undefined && !this.resolvesAbilities) {
              // Most requests: no locale of their own and no abilityResolver, so no context to set
              // up; and runAction()'s two halves, awaited only where they return a promise (an
              // async action's own), so a request pays for no promise of the framework's.
              const started = controller.startAction()

              if (isThenable(started)) await started

              const finished = controller.finishAction()

              if (finished !== undefined) await finished
            } else {
              // Only with an abilityResolver: without one a request pays nothing for authorization.
              const runAction = this.resolvesAbilities ? () => withRequestAbility(this.configuration, {params, request, response}, () => controller.runAction()) : () => controller.runAction()

              // The locale lives in the request's async context, so concurrent requests never see
              // each other's. No connection is pinned per request: outside a transaction each
              // statement borrows one from the pool (see database/pool/statement-router.ts), so a
              // request needs no async context at all unless it asks for one.
              await withLocale(locale, runAction)
            }
          } catch (error) {
            throw new ActionFailure(error, response, {controller: ControllerClass.name, action, route: `${route.method} ${route.path}`})
          }
        }
      } catch (error) {
        const cause = error instanceof ActionFailure ? error.cause : error
        const httpError = cause instanceof HttpError ? cause : cause instanceof MalformedPathError ? new BadRequestError(cause.message) : undefined

        // After a refused body the rest of it is still on the socket: close rather than parse it as a request.
        if (httpError?.status === 413) closeConnection = true

        response = this.errorToResponse(error, httpError, incoming, request)
      }

      this.write(outgoing, response, request, closeConnection, incoming, requestId, corsHeaders)
    } catch (error) {
      // A bug in the error handling itself: never leave the client hanging, and never reject
      // (the server does not wait on this promise).
      void this.logger.error("Unhandled error in the request handler:", error)

      try {
        if (!outgoing.headersSent) outgoing.writeHead(500, {"content-length": "0", connection: "close"}).end()
        else if (!outgoing.writableEnded) outgoing.destroy()
      } catch {
        outgoing.destroy()
      }
    }

    this.logRequest(logged, method, pathname, outgoing.statusCode, started, requestId, incoming)
  }

  private logRequest(logged: boolean, method: string, pathname: string, status: number, started: number, requestId: string | undefined, incoming: IncomingMessage): void {
    try {
      if (!logged) return

      const durationMs = performance.now() - started

      void this.logger.info(this.security.jsonRequestLog ? jsonRequestLine({method, path: pathname, status, durationMs, requestId, incoming}) : textRequestLine(method, pathname, status, durationMs))
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

  private write(outgoing: ServerResponse, response: Response, request: Request | undefined, closeConnection: boolean, incoming: IncomingMessage, requestId: string | undefined, corsHeaders: Record<string, string> | undefined): void {
    // Websocket request messages answer inside the socket: browser headers mean nothing there.
    const framing = {closeConnection, headerBlock: request?.isWebsocket() ? undefined : this.security.securityHeaderBlock, requestId, corsHeaders}

    try {
      writeResponse(outgoing, response, framing)
    } catch (error) {
      // Headers a controller set that node:http refuses (e.g. a line break in a value).
      this.reportError(error, request, response, {phase: "write"})
      if (!outgoing.headersSent) writeResponse(outgoing, errorResponse({status: 500, message: "Internal server error", json: prefersJson(incoming.headers)}), framing)
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
