import Routes from "velocious/build/src/routes/index.js"
import {DuplicateRouteError, MalformedPathError, RouteDefinitionError} from "velocious/build/src/routes/index.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

function readmeRoutes(): Routes {
  const routes = new Routes()

  routes.draw((route) => {
    route.resources("projects")

    route.resources("tasks", (route) => {
      route.get("users")
      route.post("archive", {on: "member"})
      route.resources("comments", {only: ["index", "create"]})
    })

    route.namespace("testing", (route) => {
      route.post("truncate")
      route.get("another-action")
    })

    route.get("ping")
    route.root("pages#home")
  })

  return routes
}

function target(routes: Routes, method: string, path: string): string | undefined {
  const match = routes.match(method, path)

  return match ? `${match.route.controller}#${match.route.action} ${JSON.stringify(match.params)}` : undefined
}

describe("Routes", () => {
  it("maps resources to the seven Rails actions, update on PATCH and PUT", () => {
    const routes = readmeRoutes()

    expect(target(routes, "GET", "/projects")).toEqual("projects#index {}")
    expect(target(routes, "GET", "/projects/new")).toEqual("projects#new {}")
    expect(target(routes, "POST", "/projects")).toEqual("projects#create {}")
    expect(target(routes, "GET", "/projects/5")).toEqual("projects#show {\"id\":\"5\"}")
    expect(target(routes, "GET", "/projects/5/edit")).toEqual("projects#edit {\"id\":\"5\"}")
    expect(target(routes, "PATCH", "/projects/5")).toEqual("projects#update {\"id\":\"5\"}")
    expect(target(routes, "PUT", "/projects/5")).toEqual("projects#update {\"id\":\"5\"}")
    expect(target(routes, "DELETE", "/projects/5")).toEqual("projects#destroy {\"id\":\"5\"}")
  })

  it("puts a verb inside resources on the collection, {on: \"member\"} under :id, and nests resources under :<name>_id", () => {
    const routes = readmeRoutes()

    expect(target(routes, "GET", "/tasks/users")).toEqual("tasks#users {}")
    expect(target(routes, "GET", "/tasks/7")).toEqual("tasks#show {\"id\":\"7\"}")
    expect(target(routes, "POST", "/tasks/7/archive")).toEqual("tasks#archive {\"id\":\"7\"}")
    expect(target(routes, "GET", "/tasks/7/comments")).toEqual("tasks/comments#index {\"task_id\":\"7\"}")
    expect(target(routes, "POST", "/tasks/7/comments")).toEqual("tasks/comments#create {\"task_id\":\"7\"}")
    expect(target(routes, "GET", "/tasks/7/comments/1")).toBeUndefined()
  })

  it("routes namespaces to their folder and root-level verbs to _root, dasherized names to camelCase actions", () => {
    const routes = readmeRoutes()

    expect(target(routes, "POST", "/testing/truncate")).toEqual("testing#truncate {}")
    expect(target(routes, "GET", "/testing/another-action")).toEqual("testing#anotherAction {}")
    expect(target(routes, "GET", "/ping")).toEqual("_root#ping {}")
    expect(target(routes, "GET", "/")).toEqual("pages#home {}")
  })

  it("ignores repeated and trailing slashes, decodes params and answers HEAD with GET routes", () => {
    const routes = readmeRoutes()

    expect(target(routes, "GET", "/projects/")).toEqual("projects#index {}")
    expect(target(routes, "GET", "//projects//5")).toEqual("projects#show {\"id\":\"5\"}")
    expect(target(routes, "GET", "/projects/a%20b")).toEqual("projects#show {\"id\":\"a b\"}")
    expect(target(routes, "HEAD", "/ping")).toEqual("_root#ping {}")
  })

  it("does not match unknown paths, wrong methods or extra segments", () => {
    const routes = readmeRoutes()

    expect(target(routes, "GET", "/nothing")).toBeUndefined()
    expect(target(routes, "POST", "/ping")).toBeUndefined()
    expect(target(routes, "GET", "/projects/5/edit/more")).toBeUndefined()
    expect(target(routes, "GET", "/../etc/passwd")).toBeUndefined()
  })

  it("throws MalformedPathError for broken percent-encoding", () => {
    expect(() => readmeRoutes().match("GET", "/projects/%E0%A4%A")).toThrow(MalformedPathError)
  })

  it("supports explicit targets, params in paths, member/collection blocks and only/except", () => {
    const routes = new Routes()

    routes.draw((route) => {
      route.get("status", {to: "health#show"})
      route.namespace("api", (route) => {
        route.get("versions/:version", {to: "versions#show"})
        route.root()
      })
      route.resources("users", {except: ["destroy", "edit"]}, (route) => {
        route.member((route) => { route.patch("lock") })
        route.collection((route) => { route.get("search") })
      })
      route.delete("session", {to: "sessions#destroy"})
      route.put("settings", {to: "update"})
    })

    expect(target(routes, "GET", "/status")).toEqual("health#show {}")
    expect(target(routes, "GET", "/api/versions/2")).toEqual("api/versions#show {\"version\":\"2\"}")
    expect(target(routes, "GET", "/api")).toEqual("api#index {}")
    expect(target(routes, "PATCH", "/users/3/lock")).toEqual("users#lock {\"id\":\"3\"}")
    expect(target(routes, "GET", "/users/search")).toEqual("users#search {}")
    expect(target(routes, "DELETE", "/users/3")).toBeUndefined()
    expect(target(routes, "GET", "/users/3/edit")).toBeUndefined()
    expect(target(routes, "DELETE", "/session")).toEqual("sessions#destroy {}")
    expect(target(routes, "PUT", "/settings")).toEqual("_root#update {}")
  })

  it("rejects names that could escape src/routes, and unknown options", () => {
    const draw = (callback: Parameters<Routes["draw"]>[0]) => () => new Routes().draw(callback)

    expect(draw((route) => route.get(".."))).toThrow(RouteDefinitionError)
    expect(draw((route) => route.namespace("../secrets", () => undefined))).toThrow(RouteDefinitionError)
    expect(draw((route) => route.get("x", {to: "../admin#show"}))).toThrow(RouteDefinitionError)
    expect(draw((route) => route.get("a b"))).toThrow(RouteDefinitionError)
    expect(draw((route) => route.get("users/:id"))).toThrow(/needs a target/)
    expect(draw((route) => route.get("x", {tu: "a#b"} as never))).toThrow(/Unknown option 'tu'/)
    expect(draw((route) => route.resources("x", {only: ["shw" as never]}))).toThrow(/unknown action 'shw'/)
    expect(draw((route) => route.member(() => undefined))).toThrow(/only works inside resources/)
  })

  it("fails to compile a route defined twice", () => {
    const routes = new Routes().draw((route) => {
      route.get("ping")
      route.get("ping", {to: "other#ping"})
    })

    expect(() => routes.compile()).toThrow(DuplicateRouteError)
  })

  it("lists the table in definition order", () => {
    const routes = new Routes().draw((route) => route.resources("projects", {only: ["index", "show"]}))

    expect(routes.getRoutes()).toEqual([
      {method: "GET", path: "/projects", controller: "projects", action: "index"},
      {method: "GET", path: "/projects/:id", controller: "projects", action: "show"}
    ])
  })
})
