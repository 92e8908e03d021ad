import Configuration from "velocious/build/src/configuration.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {acceptedLanguages} from "velocious/build/src/translations/request-locale.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../http/support/http-request.js"
import {lines, TempApp} from "../http/support/temp-app.js"

function writeApp(app: TempApp): void {
  app.write("src/config/routes.js", lines(
    "import Routes from \"velocious/build/src/routes/index.js\"",
    "const routes = new Routes()",
    "routes.draw((route) => {",
    "  route.get(\"greeting\")",
    "  route.get(\"slow-greeting\")",
    "})",
    "export default {routes}"
  ))
  app.write("src/routes/_root/controller.js", lines(
    "import Controller from \"velocious/build/src/controller.js\"",
    "export default class RootController extends Controller {",
    "  async greeting() { this.assignView({userName: String(this.params().name || \"you\")}) }",
    "  async slowGreeting() {",
    "    // Waits for the other request to start and finish, so their async work interleaves.",
    "    await new Promise((resolve) => setTimeout(resolve, Number(this.params().wait || 0)))",
    "    this.assignView({userName: String(this.params().name || \"you\")})",
    "    this.render(\"greeting\")",
    "  }",
    "}"
  ))
  app.write("src/routes/_root/greeting.ejs", "<%= _(\"Hello %{userName}\", {userName}) %>")
  app.write("src/locales/de.po", lines(
    "msgid \"\"",
    "msgstr \"\"",
    "\"Content-Type: text/plain; charset=UTF-8\\n\"",
    "",
    "msgid \"Hello %{userName}\"",
    "msgstr \"Hallo %{userName}\""
  ))
  app.write("src/locales/fr.po", lines(
    "msgid \"Hello %{userName}\"",
    "msgstr \"Bonjour %{userName}\""
  ))
}

describe("Per-request locale", () => {
  let app: TempApp
  const servers: HttpServer[] = []

  async function start(options: Record<string, unknown> = {}): Promise<number> {
    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}, locale: "en", locales: ["en", "de", "fr"], ...options})

    await configuration.initialize()

    const server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})

    servers.push(server)

    return (await server.start()).port
  }

  let port: number

  beforeAll(async () => {
    app = new TempApp("request-locale")
    writeApp(app)
    port = await start()
  })

  afterAll(async () => {
    for (const server of servers) await server.stop()
    app?.remove()
  })

  it("renders _() in controller views in the configured locale by default", async () => {
    expect((await request(port, "GET", "/greeting?name=Ann")).body).toEqual("Hello Ann")
  })

  it("takes the locale from a param, a cookie or Accept-Language, in that order", async () => {
    expect((await request(port, "GET", "/greeting?name=Ann&locale=de")).body).toEqual("Hallo Ann")
    expect((await request(port, "GET", "/greeting?name=Ann", {headers: {cookie: "a=b; locale=fr"}})).body).toEqual("Bonjour Ann")
    expect((await request(port, "GET", "/greeting?name=Ann", {headers: {"accept-language": "xx, de-CH;q=0.9, fr;q=0.8"}})).body).toEqual("Hallo Ann")
    expect((await request(port, "GET", "/greeting?name=Ann&locale=fr", {headers: {cookie: "locale=de", "accept-language": "de"}})).body).toEqual("Bonjour Ann")
    expect((await request(port, "GET", "/greeting?name=Ann", {headers: {cookie: "locale=de", "accept-language": "fr"}})).body).toEqual("Hallo Ann")
  })

  it("ignores locales that are not configured", async () => {
    expect((await request(port, "GET", "/greeting?name=Ann&locale=../../etc", {headers: {"accept-language": "zz"}})).body).toEqual("Hello Ann")
  })

  it("does not leak between interleaved concurrent requests", async () => {
    // The German request starts first and finishes last; the French and default ones run while it waits.
    const german = request(port, "GET", "/slow-greeting?name=A&wait=150&locale=de")

    await new Promise((resolve) => setTimeout(resolve, 30))

    const french = request(port, "GET", "/slow-greeting?name=B&wait=10", {headers: {"accept-language": "fr"}})
    const plain = request(port, "GET", "/slow-greeting?name=C&wait=40")
    const bodies = await Promise.all([german, french, plain])

    expect(bodies.map((response) => response.body)).toEqual(["Hallo A", "Bonjour B", "Hello C"])
  })

  it("is configurable with requestLocale (other names, sources turned off)", async () => {
    const customPort = await start({requestLocale: {param: "lang", cookie: false, acceptLanguage: false}})

    expect((await request(customPort, "GET", "/greeting?name=Ann&lang=de")).body).toEqual("Hallo Ann")
    expect((await request(customPort, "GET", "/greeting?name=Ann&locale=de", {headers: {cookie: "locale=fr", "accept-language": "fr"}})).body).toEqual("Hello Ann")
  })

  it("orders Accept-Language by quality", () => {
    expect(acceptedLanguages("fr;q=0.5, de, en;q=0.8, *;q=0.1, xx;q=0")).toEqual(["de", "en", "fr"])
  })
})
