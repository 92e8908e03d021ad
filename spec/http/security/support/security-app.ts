import Configuration, {type ConfigurationOptions} from "velocious/build/src/configuration.js"
import {afterAll, afterEach, beforeAll} from "velocious/build/src/testing/test.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {request, type RawResponse} from "../../support/http-request.js"
import {lines, TempApp} from "../../support/temp-app.js"

export const secret = "a security spec secret that is long enough"

/** An app with forms, a session, rate limits and a webhook, to run the security features against. */
export function writeSecurityApp(app: TempApp): void {
  app.write("src/config/configuration.js", lines(
    "import Configuration from \"velocious/build/src/configuration.js\"",
    `export default new Configuration({logging: {console: false}, cookieSecret: ${JSON.stringify(secret)}})`
  ))
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.resources(\"tasks\", {only: [\"new\", \"create\", \"destroy\"]})",
    "  route.get(\"session\", {to: \"accounts#show\"})",
    "  route.post(\"login\", {to: \"accounts#login\"})",
    "  route.post(\"logout\", {to: \"accounts#logout\"})",
    "  route.get(\"big-session\", {to: \"accounts#bigSession\"})",
    "  route.post(\"webhook\", {to: \"hooks#receive\"})",
    "  route.get(\"limited\", {to: \"limited#index\"})",
    "  route.post(\"limited-login\", {to: \"limited#login\"})",
    "  route.get(\"limited-custom\", {to: \"limited#custom\"})",
    "  route.get(\"cookies\", {to: \"accounts#cookies\"})",
    "  route.get(\"framed\", {to: \"accounts#framed\"})",
    "  route.get(\"whoami\", {to: \"accounts#whoami\"})",
    "  route.get(\"boom\", {to: \"accounts#boom\"})",
    "})",
    "export default {routes}"
  ))
  app.write("src/routes/tasks/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class TasksController extends Controller {",
    "  async new() {}",
    "  async create() { this.renderJson({created: this.params().task || null}, {status: 201}) }",
    "  async destroy() { this.renderJson({destroyed: this.params().id}) }",
    "}"
  ))
  app.write("src/routes/tasks/new.ejs", lines(
    "<html><head><%- controller.csrfMetaTags() %></head><body>",
    "<form method=\"post\" action=\"/tasks\"><%- controller.authenticityTokenField() %><input name=\"task[name]\"></form>",
    "</body></html>"
  ))
  app.write("src/routes/accounts/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class AccountsController extends Controller {",
    "  async show() { this.renderJson({userId: this.session().get(\"userId\") ?? null, keys: this.session().keys()}) }",
    "  async login() {",
    "    this.session().clear()",
    "    this.session().set(\"userId\", this.params().userId)",
    "    this.renderJson({loggedIn: true})",
    "  }",
    "  async logout() { this.session().clear(); this.renderJson({loggedOut: true}) }",
    "  async bigSession() { this.session().set(\"blob\", \"x\".repeat(5000)); this.renderJson({}) }",
    "  async cookies() {",
    "    this.setCookie(\"plain\", \"1\")",
    "    this.setCookie(\"insecure\", \"2\", {secure: false})",
    "    this.session().set(\"seen\", true)",
    "    this.renderJson({})",
    "  }",
    "  async framed() { this.getResponse().setHeader(\"X-Frame-Options\", \"DENY\"); this.renderJson({}) }",
    "  async whoami() { this.renderJson({requestId: this.getRequest().requestId() ?? null}) }",
    "  async boom() { throw new Error(\"Kaboom\") }",
    "}"
  ))
  app.write("src/routes/hooks/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class HooksController extends Controller {",
    "  static { this.skipForgeryProtection({only: \"receive\"}) }",
    "  async receive() { this.renderJson({received: true}) }",
    "}"
  ))
  app.write("src/routes/limited/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class LimitedController extends Controller {",
    "  static {",
    "    this.rateLimit({to: 3, within: 60, only: \"index\"})",
    "    this.rateLimit({to: 2, within: 60, by: (controller) => controller.params().email, only: \"login\", name: \"login\"})",
    "    this.rateLimit({to: 1, within: 60, only: \"custom\", with: (controller) => controller.redirect(\"/slow-down\")})",
    "  }",
    "  async index() { this.renderJson({ok: true}) }",
    "  async login() { this.renderJson({ok: true}) }",
    "  async custom() { this.renderJson({ok: true}) }",
    "}"
  ))
}

export interface RunningApp {
  port: number
  configuration: Configuration
  stop(): Promise<void>
}

/** Boots the app in-process with these options added to its configuration. */
export async function startSecurityApp(app: TempApp, options: ConfigurationOptions = {}): Promise<RunningApp> {
  const configuration = new Configuration({directory: app.directory, environment: "development", logging: {console: false}, cookieSecret: secret, ...options})

  await configuration.initialize()

  const server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})
  const {port} = await server.start()

  return {port, configuration, stop: () => server.stop()}
}

/** Cookies as a browser keeps them: Set-Cookie answers update the jar, and every request sends it. */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  header(): string | undefined {
    return this.cookies.size === 0 ? undefined : [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ")
  }

  take(response: RawResponse): RawResponse {
    for (const setCookie of response.headers["set-cookie"] || []) {
      const [pair, ...attributes] = setCookie.split(";")
      const separator = pair.indexOf("=")
      const name = pair.slice(0, separator).trim()

      if (attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(separator + 1).trim())
    }

    return response
  }

  async request(port: number, method: string, path: string, {body, headers = {}}: {body?: string, headers?: Record<string, string>} = {}): Promise<RawResponse> {
    const cookie = this.header()

    return this.take(await request(port, method, path, {body, headers: cookie ? {cookie, ...headers} : headers}))
  }
}

export function formToken(html: string): string {
  const match = /name="authenticity_token" value="([^"]+)"/.exec(html)

  if (!match) throw new Error(`No authenticity_token field in: ${html}`)

  return match[1]
}

export function metaToken(html: string): string {
  const match = /<meta name="csrf-token" content="([^"]+)"/.exec(html)

  if (!match) throw new Error(`No csrf-token meta tag in: ${html}`)

  return match[1]
}

/**
 * The security app of a describe block: written once before its tests, removed after them, and
 * every server a test starts with `start(options)` stopped after that test.
 */
export function useSecurityApp(name: string, {afterEachTest}: {afterEachTest?: () => Promise<void>} = {}): {start: (options?: ConfigurationOptions) => Promise<number>} {
  let app: TempApp
  const running: RunningApp[] = []

  beforeAll(() => {
    app = new TempApp(name)
    writeSecurityApp(app)
  })

  afterEach(async () => {
    for (const each of running.splice(0)) await each.stop()
    await afterEachTest?.()
  })

  afterAll(() => app.remove())

  return {
    async start(options = {}) {
      const started = await startSecurityApp(app, options)

      running.push(started)

      return started.port
    }
  }
}
