import type {IncomingMessage, ServerResponse} from "node:http"
import type Configuration from "../configuration.js"
import Logger from "../logger.js"
import type Routes from "../routes/index.js"
import {MalformedPathError} from "../routes/errors.js"
import ControllerLoader, {isAction} from "./controller-loader.js"
import {errorResponse} from "./error-responses.js"
import {ActionNotFoundError, BadRequestError, HttpError, RouteNotFoundError} from "./errors.js"
import {parseNestedQuery} from "./nested-params.js"
import {parseBody} from "./parse-body.js"
import {prefersJson} from "./prefers-json.js"
import {readBody} from "./read-body.js"
import Request from "./request.js"
import Response from "./response.js"
import {writeResponse} from "./write-response.js"

export interface RequestHandlerArgs {
  configuration: Configuration
  routes: Routes
  maxBodyBytes: number
  /** Asked per response: while shutting down, responses close their connection. */
  isShuttingDown?: () => boolean
}

/** Route → controller → action for one request, and every error turned into a response. */
export default class RequestHandler {
  private readonly configuration: Configuration
  private readonly routes: Routes
  private readonly maxBodyBytes: number
  private readonly controllers: ControllerLoader
  private readonly logger: Logger
  private readonly isShuttingDown: () => boolean
  private readonly hasDatabase: boolean

  constructor({configuration, routes, maxBodyBytes, isShuttingDown}: RequestHandlerArgs) {
    this.configuration = configuration
    this.routes = routes
    this.maxBodyBytes = maxBodyBytes
    this.controllers = new ControllerLoader(configuration.getDirectory())
    this.logger = new Logger("HttpServer", {configuration})
    this.isShuttingDown = isShuttingDown || (() => false)
    this.hasDatabase = Boolean(configuration.options.database?.[configuration.getEnvironment()])
    // Compiled now, so a broken route table fails at boot.
    routes.compile()
  }

  async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const started = performance.now()
    const method = (incoming.method || "GET").toUpperCase()
    const url = incoming.url || "/"
    const queryIndex = url.indexOf("?")
    const pathname = queryIndex === -1 ? url : url.slice(0, queryIndex)
    let request: Request | undefined
    let response: Response
    let closeConnection = this.isShuttingDown()

    try {
      response = await this.dispatch(incoming, method, pathname, url, (built) => { request = built })
    } catch (error) {
      const cause = error instanceof ActionFailure ? error.cause : error
      const httpError = cause instanceof HttpError ? cause : cause instanceof MalformedPathError ? new BadRequestError(cause.message) : undefined

      // After a refused body the rest of it is still on the socket: close rather than parse it as a request.
      if (httpError?.status === 413) closeConnection = true

      response = this.errorToResponse(error, httpError, incoming, request)
    }

    try {
      writeResponse(outgoing, response, {closeConnection})
    } catch (error) {
      // Headers a controller set that node:http refuses (e.g. a line break in a value).
      this.reportError(error, request, response, {phase: "write"})
      if (!outgoing.headersSent) writeResponse(outgoing, errorResponse({status: 500, message: "Internal server error", json: prefersJson(incoming.headers)}), {closeConnection})
      else outgoing.destroy()
    }

    void this.logger.info(() => `${method} ${pathname} ${outgoing.statusCode} ${(performance.now() - started).toFixed(1)}ms`)
  }

  private async dispatch(incoming: IncomingMessage, method: string, pathname: string, url: string, onRequest: (request: Request) => void): Promise<Response> {
    const match = this.routes.match(method, pathname)

    if (!match) throw new RouteNotFoundError(method, pathname)

    const {ControllerClass, displayFile, viewDirectory} = await this.controllers.load(match.route.controller)
    const {action} = match.route

    if (!isAction(ControllerClass, action)) throw new ActionNotFoundError(ControllerClass.name, action, displayFile)

    const reading = readBody(incoming, this.maxBodyBytes)
    const body = reading instanceof Buffer ? reading : await reading
    const request = new Request({incoming, body})

    onRequest(request)

    const queryIndex = url.indexOf("?")
    const query = queryIndex === -1 ? {} : parseNestedQuery(url.slice(queryIndex + 1))
    // Rails' precedence: path params over body params over the query string.
    const params = {...query, ...parseBody(body, request.contentType()), ...match.params}
    const response = new Response()
    const controller = new ControllerClass({configuration: this.configuration, request, response, params, route: match.route, action, viewDirectory})

    try {
      if (this.hasDatabase) await this.configuration.ensureConnections(() => controller.runAction())
      else await controller.runAction()
    } catch (error) {
      throw Object.assign(new ActionFailure(error), {response, context: {controller: ControllerClass.name, action, route: `${match.route.method} ${match.route.path}`}})
    }

    return response
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
    void this.logger.error(`Error while handling ${request ? `${request.method()} ${request.pathname()}` : "a request"}:`, error)

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
  response: Response | undefined
  context: Record<string, unknown> = {}

  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}
