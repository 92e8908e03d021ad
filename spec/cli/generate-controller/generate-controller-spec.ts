import fs from "node:fs"
import path from "node:path"
import Configuration from "velocious/build/src/configuration.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../../http/support/http-request.js"
import {lines, TempApp} from "../../http/support/temp-app.js"

// The routes file in the shape the README shows (and `velocious init` writes).
function writeApp(app: TempApp, extension: "js" | "ts"): void {
  app.write(`src/config/configuration.${extension}`, lines(
    `import Configuration from "velocious/build/src/configuration.js"`,
    ``,
    `export default new Configuration({logging: {console: false}})`
  ))
  app.write(`src/config/routes.${extension}`, lines(
    `import Routes from "velocious/build/src/routes/index.js"`,
    ``,
    `const routes = new Routes()`,
    ``,
    `routes.draw((route) => {`,
    `  route.resources("projects")`,
    `})`,
    ``,
    `export default {routes}`
  ))
}

function read(app: TempApp, file: string): string {
  return fs.readFileSync(path.join(app.directory, file), "utf8")
}

/** Serves the app in this process, as `velocious server` would, and hands out its port. */
async function serve(app: TempApp): Promise<{port: number, stop: () => Promise<void>}> {
  const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}})

  await configuration.initialize()

  const server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0})
  const {port} = await server.start()

  return {port, stop: () => server.stop()}
}

describe("velocious g:controller", {timeoutSeconds: 60}, () => {
  describe("in a JavaScript app", () => {
    let app: TempApp

    beforeAll(() => {
      app = new TempApp("g-controller-js")
      writeApp(app, "js")
    })

    afterAll(() => {
      app?.remove()
    })

    it("writes the controller, one view per action and GET routes, then skips all of it on a second run", async () => {
      const first = await app.run(["g:controller", "Tasks", "index", "show", "mark-done"])

      expect(first).toEqual({code: 0, stderr: "", stdout: lines(
        "Created src/routes/tasks/controller.js",
        "Created src/routes/tasks/index.ejs",
        "Created src/routes/tasks/show.ejs",
        "Created src/routes/tasks/mark-done.ejs",
        "Updated src/config/routes.js"
      )})
      expect(read(app, "src/routes/tasks/controller.js")).toBe(lines(
        `import Controller from "velocious/build/src/controller.js"`,
        ``,
        `export default class TasksController extends Controller {`,
        `  async index() {`,
        `    this.render()`,
        `  }`,
        ``,
        `  async show() {`,
        `    this.render()`,
        `  }`,
        ``,
        `  async markDone() {`,
        `    this.render()`,
        `  }`,
        `}`
      ))
      expect(read(app, "src/routes/tasks/mark-done.ejs")).toBe(lines("<h1>tasks#markDone</h1>", "<p>Find me in src/routes/tasks/mark-done.ejs</p>"))
      expect(read(app, "src/config/routes.js")).toBe(lines(
        `import Routes from "velocious/build/src/routes/index.js"`,
        ``,
        `const routes = new Routes()`,
        ``,
        `routes.draw((route) => {`,
        `  route.resources("projects")`,
        ``,
        `  route.get("tasks/index", {to: "tasks#index"})`,
        `  route.get("tasks/show", {to: "tasks#show"})`,
        `  route.get("tasks/mark-done", {to: "tasks#markDone"})`,
        `})`,
        ``,
        `export default {routes}`
      ))

      const routesBefore = read(app, "src/config/routes.js")
      const second = await app.run(["g:controller", "tasks", "index", "show", "mark-done"])

      expect(second).toEqual({code: 0, stderr: "", stdout: lines(
        "Skipped src/routes/tasks/controller.js (exists)",
        "Skipped src/routes/tasks/index.ejs (exists)",
        "Skipped src/routes/tasks/show.ejs (exists)",
        "Skipped src/routes/tasks/mark-done.ejs (exists)",
        "Skipped src/config/routes.js (routes exist)"
      )})
      expect(read(app, "src/config/routes.js")).toBe(routesBefore)
    })

    it("puts a namespaced controller under its folder with a namespace route", async () => {
      expect(await app.run(["g:controller", "admin/users", "index"])).toEqual({code: 0, stderr: "", stdout: lines(
        "Created src/routes/admin/users/controller.js",
        "Created src/routes/admin/users/index.ejs",
        "Updated src/config/routes.js"
      )})
      expect(read(app, "src/routes/admin/users/controller.js")).toContain("export default class AdminUsersController extends Controller {")
      expect(read(app, "src/config/routes.js")).toContain(lines(
        `  route.namespace("admin", (route) => {`,
        `    route.get("users/index", {to: "users#index"})`,
        `  })`,
        `})`
      ))
    })

    it("never overwrites a controller, and names the actions to add to it", async () => {
      const controllerBefore = read(app, "src/routes/admin/users/controller.js")
      const result = await app.run(["g:controller", "admin/users", "index", "archive"])

      expect(result.stdout).toBe(lines(
        "Skipped src/routes/admin/users/controller.js (exists; add archive() to it yourself)",
        "Skipped src/routes/admin/users/index.ejs (exists)",
        "Created src/routes/admin/users/archive.ejs",
        "Updated src/config/routes.js"
      ))
      expect(read(app, "src/routes/admin/users/controller.js")).toBe(controllerBefore)

      // Done by hand, as the message says, so the served app below has every routed action.
      fs.writeFileSync(path.join(app.directory, "src/routes/admin/users/controller.js"), controllerBefore.replace(/}\n$/, "\n  async archive() {\n    this.render()\n  }\n}\n"))
    })

    it("serves every generated action's view over HTTP", async () => {
      const {port, stop} = await serve(app)

      try {
        for (const [urlPath, heading, file] of [
          ["/tasks/index", "tasks#index", "src/routes/tasks/index.ejs"],
          ["/tasks/show", "tasks#show", "src/routes/tasks/show.ejs"],
          ["/tasks/mark-done", "tasks#markDone", "src/routes/tasks/mark-done.ejs"],
          ["/admin/users/index", "admin/users#index", "src/routes/admin/users/index.ejs"],
          ["/admin/users/archive", "admin/users#archive", "src/routes/admin/users/archive.ejs"]
        ]) {
          const response = await request(port, "GET", urlPath)

          expect({urlPath, status: response.status, body: response.body}).toEqual({urlPath, status: 200, body: lines(`<h1>${heading}</h1>`, `<p>Find me in ${file}</p>`)})
        }
      } finally {
        await stop()
      }
    })

    it("rejects invalid names with the usage and exit 2, writing nothing", async () => {
      const before = fs.readdirSync(path.join(app.directory, "src/routes")).sort()

      for (const args of [["bad.name", "index"], ["../escape"], ["tasks/", "index"], ["tasks", "mark.done"], ["tasks", "render"], []]) {
        const result = await app.run(["g:controller", ...args])

        expect({args, code: result.code, stdout: result.stdout}).toEqual({args, code: 2, stdout: ""})
        expect(result.stderr).toContain("Usage: velocious g:controller <name> [action ...]")
      }

      expect((await app.run(["g:controller", "tasks", "mark.done"])).stderr).toBe(lines(
        "Action 'mark.done' is not a valid name: use letters and digits, words joined by '-' or '_' (e.g. index, show, mark-done)",
        "Usage: velocious g:controller <name> [action ...], e.g. velocious g:controller tasks index show (or admin/users index)"
      ))
      expect(fs.readdirSync(path.join(app.directory, "src/routes")).sort()).toEqual(before)
    })
  })

  describe("in a TypeScript app", () => {
    let app: TempApp

    beforeAll(() => {
      app = new TempApp("g-controller-ts")
      writeApp(app, "ts")
    })

    afterAll(() => {
      app?.remove()
    })

    it("writes a typed controller, edits routes.ts, and the app serves it", async () => {
      expect(await app.run(["g:controller", "project-details", "index"])).toEqual({code: 0, stderr: "", stdout: lines(
        "Created src/routes/project-details/controller.ts",
        "Created src/routes/project-details/index.ejs",
        "Updated src/config/routes.ts"
      )})
      expect(read(app, "src/routes/project-details/controller.ts")).toBe(lines(
        `import Controller from "velocious/build/src/controller.js"`,
        ``,
        `export default class ProjectDetailsController extends Controller {`,
        `  async index(): Promise<void> {`,
        `    this.render()`,
        `  }`,
        `}`
      ))
      expect(read(app, "src/config/routes.ts")).toContain(`  route.get("project-details/index", {to: "project-details#index"})\n})`)

      const {port, stop} = await serve(app)

      try {
        const response = await request(port, "GET", "/project-details/index")

        expect(response.status).toBe(200)
        expect(response.body).toContain("<h1>project-details#index</h1>")
      } finally {
        await stop()
      }
    })
  })

  describe("when the routes file cannot be edited", () => {
    let app: TempApp

    beforeAll(() => {
      app = new TempApp("g-controller-manual")
      app.write("src/config/configuration.js", lines(`import Configuration from "velocious/build/src/configuration.js"`, `export default new Configuration({logging: {console: false}})`))
    })

    afterAll(() => {
      app?.remove()
    })

    it("prints the lines to add instead of guessing", async () => {
      expect((await app.run(["g:controller", "admin/users", "index"])).stdout).toBe(lines(
        "Created src/routes/admin/users/controller.js",
        "Created src/routes/admin/users/index.ejs",
        "No src/config/routes.js: create it (see `velocious init`) and add inside routes.draw((route) => { ... }):",
        `  route.namespace("admin", (route) => {`,
        `    route.get("users/index", {to: "users#index"})`,
        `  })`
      ))

      const custom = lines(`import {buildRoutes} from "./build-routes.js"`, `export default {routes: buildRoutes()}`)

      app.write("src/config/routes.js", custom)

      expect((await app.run(["g:controller", "tasks", "index"])).stdout).toBe(lines(
        "Created src/routes/tasks/controller.js",
        "Created src/routes/tasks/index.ejs",
        "Did not change src/config/routes.js: it has no `routes.draw((route) => { ... })` block. Add inside routes.draw((route) => { ... }):",
        `  route.get("tasks/index", {to: "tasks#index"})`
      ))
      expect(read(app, "src/config/routes.js")).toBe(custom)
    })
  })
})
