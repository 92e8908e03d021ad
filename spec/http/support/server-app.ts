import {lines, TempApp} from "./temp-app.js"

/** The configuration of an app without a database: quiet console, a cookie secret for encrypted cookies. */
export function writeDatabaseFreeConfiguration(app: TempApp): void {
  app.write("src/config/configuration.js", lines(
    "import Configuration from \"velocious/build/src/configuration.js\"",
    "export default new Configuration({logging: {console: false}, cookieSecret: \"a test secret that is long enough\"})"
  ))
}

/** An app without a database: routes, controllers and views exercising the HTTP layer. */
export function writeServerApp(app: TempApp): void {
  writeDatabaseFreeConfiguration(app)
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.resources(\"projects\")",
    "  route.namespace(\"testing\", (route) => {",
    "    route.post(\"truncate\")",
    "    route.get(\"another-action\")",
    "    route.get(\"missing-view\")",
    "    route.get(\"boom\")",
    "    route.get(\"no-such-action\")",
    "    route.get(\"slow\")",
    "    route.get(\"guarded\")",
    "    route.get(\"cookies\")",
    "    route.get(\"read-cookies\")",
    "    route.get(\"go-away\")",
    "  })",
    "  route.get(\"ping\")",
    "  route.get(\"pid\")",
    "  route.post(\"upload\")",
    "  route.get(\"orphan\", {to: \"nowhere#index\"})",
    "})",
    "export default {routes}"
  ))
  app.write("src/routes/_root/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class RootController extends Controller {",
    "  async ping() { this.renderJson({pong: true, query: this.params()}) }",
    "  async pid() { this.renderJson({pid: process.pid, execArgv: process.execArgv}) }",
    "  async upload() {",
    "    const describe = (value) => value && typeof value === \"object\" && Buffer.isBuffer(value.buffer) ? {name: value.name, filename: value.filename, type: value.type, size: value.size, text: value.buffer.toString(\"utf8\")} : value",
    "    const walk = (value) => Array.isArray(value) ? value.map(walk) : value && typeof value === \"object\" && !Buffer.isBuffer(value.buffer) ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)])) : describe(value)",
    "    this.renderJson(walk(this.params()))",
    "  }",
    "}"
  ))
  app.write("src/routes/projects/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class ProjectsController extends Controller {",
    "  async index() { this.assignView({names: [\"A\", \"<B>\"]}) }",
    "  async show() { this.renderJson({id: this.params().id, method: this.getRequest().method()}) }",
    "  async create() { this.renderJson({params: this.params(), contentType: this.getRequest().header(\"Content-Type\")}, {status: 201}) }",
    "  async update() { this.renderJsonArg({updated: this.params().id, method: this.getRequest().method()}) }",
    "  async destroy() { this.head(204) }",
    "}"
  ))
  app.write("src/routes/projects/index.ejs", "<ul><% for (const name of names) { %><li><%= name %></li><% } %></ul> action=<%= controller.getAction() %>\n")
  app.write("src/routes/testing/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class TestingController extends Controller {",
    "  static {",
    "    this.beforeAction(\"requireToken\", {only: \"guarded\"})",
    "    this.afterAction((controller) => controller.getResponse().setHeader(\"x-after\", controller.getAction()))",
    "  }",
    "  requireToken() { if (this.params().token !== \"yes\") this.renderJson({error: \"denied\"}, {status: 403}) }",
    "  async guarded() { this.renderJson({ok: true}) }",
    "  async truncate() { this.renderJson({status: \"database-truncated\"}) }",
    "  async anotherAction() { this.assignView({greeting: \"Hello\"}) }",
    "  async missingView() { this.render(\"nope\") }",
    "  async boom() { throw new Error(\"Kaboom from the action\") }",
    "  async slow() { await new Promise((resolve) => setTimeout(resolve, Number(this.params().ms || 300))); this.renderJson({slept: true}) }",
    "  async cookies() {",
    "    this.setCookie(\"session_id\", \"abc123\", {httpOnly: true, sameSite: \"Lax\"})",
    "    this.setCookie(\"user_token\", \"secret value\", {encrypted: true, httpOnly: true, maxAge: 3600})",
    "    this.renderJson({set: true})",
    "  }",
    "  async readCookies() {",
    "    const cookies = this.getCookies()",
    "    this.renderJson(Object.fromEntries(cookies.map((cookie) => [cookie.name(), cookie.value()])))",
    "  }",
    "  async goAway() { this.redirect(\"/ping\") }",
    "}"
  ))
  app.write("src/routes/testing/another-action.ejs", lines(
    "<p>",
    "  View for path: <%= controller.getRequest().path() %> <%= greeting %> <%= params.name %>",
    "</p>"
  ))
}
