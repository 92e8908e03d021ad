import {writeDatabaseFreeConfiguration} from "../../http/support/server-app.js"
import {lines, type TempApp} from "../../http/support/temp-app.js"

/** Routes and controllers the websocket specs call: the README's /api/version and /api/broadcast-event, plus failures. */
export function writeWebsocketApp(app: TempApp, configurationSource?: string): void {
  if (configurationSource) app.write("src/config/configuration.js", configurationSource)
  else writeDatabaseFreeConfiguration(app)
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.namespace(\"api\", (route) => {",
    "    route.post(\"version\")",
    "    route.post(\"broadcast-event\")",
    "    route.get(\"boom\")",
    "    route.get(\"slow\")",
    "    route.get(\"cookies\")",
    "    route.get(\"guarded\")",
    "    route.get(\"pid\")",
    "    route.post(\"body\")",
    "  })",
    "})",
    "export default {routes}"
  ))
  app.write("src/routes/api/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class ApiController extends Controller {",
    "  static {",
    "    this.beforeAction(\"requireToken\", {only: \"guarded\"})",
    "  }",
    "  requireToken() { if (this.params().token !== \"yes\") this.renderJson({error: \"denied\"}, {status: 403}) }",
    "  async guarded() { this.renderJson({ok: true}) }",
    "  async version() { this.renderJson({version: \"1.0\", params: this.params(), method: this.getRequest().method()}) }",
    "  async broadcastEvent() {",
    "    const {channel, payload} = this.getParams()",
    "    await this.getConfiguration().getWebsocketEvents().publish(channel, payload)",
    "    this.renderJsonArg({status: \"published\"})",
    "  }",
    "  async boom() { throw new Error(\"Kaboom over a websocket\") }",
    "  async slow() { await new Promise((resolve) => setTimeout(resolve, Number(this.params().ms || 200))); this.renderJson({slept: true}) }",
    "  async cookies() { this.renderJson({session: this.getCookies().find((cookie) => cookie.name() === \"session_id\")?.value() || null}) }",
    "  async pid() { this.renderJson({pid: process.pid}) }",
    "  async body() { const request = this.getRequest(); this.renderJson({text: request.body(), bytes: request.rawBodyBuffer().length, contentType: request.contentType() ?? null, contentLength: request.header(\"content-length\") ?? null, params: this.params()}) }",
    "}"
  ))
}
