import Configuration from "velocious/build/src/configuration.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {TempApp} from "./support/temp-app.js"

describe("HTTP server", () => {
  let app: TempApp
  let server: HttpServer
  let port: number
  let configuration: Configuration
  const frameworkErrors: {error: unknown, context?: Record<string, unknown>, request?: unknown, response?: unknown}[] = []

  beforeAll(async () => {
    app = new TempApp("http-server")
    writeServerApp(app)
    configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}, cookieSecret: "a test secret that is long enough"})
    await configuration.initialize()
    configuration.getErrorEvents().on("framework-error", (payload) => frameworkErrors.push(payload))
    server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})
    port = (await server.start()).port
  })

  afterAll(async () => {
    await server?.stop()
    app?.remove()
  })

  it("runs a root-level action with query params, as JSON with a Content-Length", async () => {
    const response = await request(port, "GET", "/ping?a[b]=c&tags[]=1&tags[]=2&plain=x")

    expect(response.status).toEqual(200)
    expect(response.headers["content-type"]).toEqual("application/json; charset=utf-8")
    expect(response.headers["content-length"]).toEqual(String(Buffer.byteLength(response.body)))
    expect(JSON.parse(response.body)).toEqual({pong: true, query: {a: {b: "c"}, tags: ["1", "2"], plain: "x"}})
  })

  it("merges path params over JSON body params over the query", async () => {
    const response = await request(port, "POST", "/projects?id=query&page=2", {
      body: JSON.stringify({project: {name: "P", tags: ["x"]}, page: 3}),
      headers: {"content-type": "application/json"}
    })

    expect(response.status).toEqual(201)
    expect(JSON.parse(response.body)).toEqual({params: {id: "query", page: 3, project: {name: "P", tags: ["x"]}}, contentType: "application/json"})

    const show = await request(port, "GET", "/projects/42?id=overridden")

    expect(JSON.parse(show.body)).toEqual({id: "42", method: "GET"})
  })

  it("parses urlencoded bodies with nested keys", async () => {
    const response = await request(port, "POST", "/projects", {
      body: "project[name]=My+project&project[tags][]=a&project[tags][]=b",
      headers: {"content-type": "application/x-www-form-urlencoded"}
    })

    expect(JSON.parse(response.body).params).toEqual({project: {name: "My project", tags: ["a", "b"]}})
  })

  it("routes PATCH and PUT to update and DELETE to destroy", async () => {
    expect(JSON.parse((await request(port, "PATCH", "/projects/3")).body)).toEqual({updated: "3", method: "PATCH"})
    expect(JSON.parse((await request(port, "PUT", "/projects/3")).body)).toEqual({updated: "3", method: "PUT"})

    const destroyed = await request(port, "DELETE", "/projects/3")

    expect(destroyed.status).toEqual(204)
    expect(destroyed.body).toEqual("")
  })

  it("renders an action's own view when it renders nothing, with assigned locals, escaped", async () => {
    const response = await request(port, "GET", "/projects")

    expect(response.status).toEqual(200)
    expect(response.headers["content-type"]).toEqual("text/html; charset=utf-8")
    expect(response.body).toEqual("<ul><li>A</li><li>&lt;B&gt;</li></ul> action=index\n")
  })

  it("renders the README's view with controller and params locals (dasherized file for a camelCase action)", async () => {
    const response = await request(port, "GET", "/testing/another-action?name=Ann")

    expect(response.body).toContain("View for path: /testing/another-action?name=Ann Hello Ann")
  })

  it("answers a missing view with 500 naming the file, and reports it as a framework error", async () => {
    frameworkErrors.length = 0

    const response = await request(port, "GET", "/testing/missing-view", {headers: {accept: "application/json"}})
    const body = JSON.parse(response.body)

    expect(response.status).toEqual(500)
    expect(body.error).toContain("Missing view src/routes/testing/nope.ejs")
    expect(frameworkErrors.length).toEqual(1)
  })

  it("turns an action's exception into 500, reports framework-error with request, response and context", async () => {
    frameworkErrors.length = 0

    const response = await request(port, "GET", "/testing/boom")

    expect(response.status).toEqual(500)
    expect(response.headers["content-type"]).toEqual("text/html; charset=utf-8")
    expect(response.body).toContain("Kaboom from the action")
    expect(frameworkErrors.length).toEqual(1)

    const [{error, context, request: failedRequest, response: failedResponse}] = frameworkErrors

    expect((error as Error).message).toEqual("Kaboom from the action")
    expect(context).toEqual({controller: "TestingController", action: "boom", route: "GET /testing/boom"})
    expect((failedRequest as {pathname(): string}).pathname()).toEqual("/testing/boom")
    expect(failedResponse).toBeDefined()
  })

  it("answers unknown routes with 404 as JSON or HTML by Accept", async () => {
    const json = await request(port, "GET", "/nothing/here", {headers: {accept: "application/json"}})

    expect(json.status).toEqual(404)
    expect(JSON.parse(json.body)).toEqual({error: "No route matches GET /nothing/here", status: 404})

    const html = await request(port, "GET", "/<script>", {headers: {accept: "text/html"}})

    expect(html.status).toEqual(404)
    expect(html.headers["content-type"]).toEqual("text/html; charset=utf-8")
    expect(html.body).toContain("No route matches GET /&#60;script&#62;")
  })

  it("answers a route whose action is missing with 404, and a missing controller with 500 naming the file", async () => {
    const noAction = await request(port, "GET", "/testing/no-such-action", {headers: {accept: "application/json"}})

    expect(noAction.status).toEqual(404)
    expect(JSON.parse(noAction.body).error).toContain("The action 'noSuchAction' could not be found for TestingController")

    const noController = await request(port, "GET", "/orphan", {headers: {accept: "application/json"}})

    expect(noController.status).toEqual(500)
    expect(JSON.parse(noController.body).error).toContain("create src/routes/nowhere/controller.js")
  })

  it("runs beforeAction (halting when it renders) and afterAction callbacks", async () => {
    const denied = await request(port, "GET", "/testing/guarded")

    expect(denied.status).toEqual(403)
    expect(JSON.parse(denied.body)).toEqual({error: "denied"})

    const allowed = await request(port, "GET", "/testing/guarded?token=yes")

    expect(allowed.status).toEqual(200)
    expect(allowed.headers["x-after"]).toEqual("guarded")
  })

  it("redirects", async () => {
    const response = await request(port, "GET", "/testing/go-away")

    expect(response.status).toEqual(302)
    expect(response.headers.location).toEqual("/ping")
  })

  it("sets plain and encrypted cookies and reads them back; a tampered encrypted cookie reads as absent", async () => {
    const response = await request(port, "GET", "/testing/cookies")
    const setCookies = response.headers["set-cookie"] || []

    expect(setCookies[0]).toEqual("session_id=abc123; Path=/; HttpOnly; SameSite=Lax")
    expect(setCookies[1]).toMatch(/^user_token=v1\.[A-Za-z0-9_-]+; Path=\/; Max-Age=3600; HttpOnly$/)
    expect(setCookies[1]).not.toContain("secret")

    const cookieHeader = setCookies.map((each) => each.split(";")[0]).join("; ")
    const read = await request(port, "GET", "/testing/read-cookies", {headers: {cookie: cookieHeader}})

    expect(JSON.parse(read.body)).toEqual({session_id: "abc123", user_token: "secret value"})

    const encrypted = setCookies[1].split(";")[0].split("=")[1]
    const flipped = encrypted.slice(0, -2) + (encrypted.at(-2) === "A" ? "B" : "A") + encrypted.at(-1)
    const tampered = await request(port, "GET", "/testing/read-cookies", {headers: {cookie: `session_id=abc123; user_token=${flipped}`}})

    expect(JSON.parse(tampered.body)).toEqual({session_id: "abc123"})

    const moved = await request(port, "GET", "/testing/read-cookies", {headers: {cookie: `other=${encrypted}`}})

    expect(JSON.parse(moved.body)).toEqual({})
  })

  it("hides the error message and stack in production", async () => {
    const production = new Configuration({directory: app.directory, environment: "production", logging: {console: false}})

    await production.initialize()

    const productionServer = new HttpServer({configuration: production, routes: await loadAppRoutes(app.directory), port: 0})
    const productionPort = (await productionServer.start()).port

    try {
      const response = await request(productionPort, "GET", "/testing/boom", {headers: {accept: "application/json"}})

      expect(response.status).toEqual(500)
      expect(JSON.parse(response.body)).toEqual({error: "Internal server error", status: 500})
    } finally {
      await productionServer.stop()
    }
  })

  it("answers HEAD like GET without a body", async () => {
    const response = await request(port, "HEAD", "/ping")

    expect(response.status).toEqual(200)
    expect(response.body).toEqual("")
  })
})
