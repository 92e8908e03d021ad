import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {controllerPlan} from "velocious/build/src/cli/generators/controller/names.js"
import {generatedRoutes} from "velocious/build/src/cli/generators/controller/route-lines.js"
import {addRoutes, type RoutesEdit} from "velocious/build/src/cli/generators/controller/routes-file-editor.js"

function edit(source: string, name: string, actions: string[]): RoutesEdit {
  const plan = controllerPlan(name, actions)

  return addRoutes(source, plan.namespaces, generatedRoutes(plan))
}

function updated(source: string, name: string, actions: string[]): string {
  const result = edit(source, name, actions)

  if (result.kind !== "updated") throw new Error(`Expected an update, got ${JSON.stringify(result)}`)

  return result.source
}

const readmeRoutes = `import Routes from "velocious/build/src/routes/index.js"

const routes = new Routes()

routes.draw((route) => {
  route.resources("projects")

  route.namespace("testing", (route) => {
    route.post("truncate")
  })
})

export default {routes}
`

describe("g:controller - editing src/config/routes", () => {
  it("appends Rails-style GET routes at the end of routes.draw, a blank line after what is there", () => {
    expect(updated(readmeRoutes, "tasks", ["index", "mark-done"])).toBe(readmeRoutes.replace(`    route.post("truncate")
  })
`, `    route.post("truncate")
  })

  route.get("tasks/index", {to: "tasks#index"})
  route.get("tasks/mark-done", {to: "tasks#markDone"})
`))
  })

  it("edits the routes file `velocious init` writes, whose block ends in a comment", () => {
    const initRoutes = [
      `import Routes from "velocious/build/src/routes/index.js"`,
      ``,
      `const routes = new Routes()`,
      ``,
      `routes.draw((route) => {`,
      `  // GET / → the index action of src/routes/_root/controller.js`,
      `  route.root()`,
      ``,
      `  // route.resources("tasks") → src/routes/tasks/controller.js (index, show, create, update, destroy, ...)`,
      `})`,
      ``,
      `export default {routes}`,
      ``
    ].join("\n")

    expect(updated(initRoutes, "tasks", ["index"])).toBe(initRoutes.replace("destroy, ...)\n})", `destroy, ...)\n\n  route.get("tasks/index", {to: "tasks#index"})\n})`))
  })

  it("leaves out routes already there, and reports unchanged when all are", () => {
    const once = updated(readmeRoutes, "tasks", ["index"])

    expect(edit(once, "tasks", ["index"])).toEqual({kind: "unchanged"})
    expect(edit(once.replace(`{to: "tasks#index"}`, `{ to: 'tasks#index' }`), "tasks", ["index"])).toEqual({kind: "unchanged"})
    expect(updated(once, "tasks", ["index", "show"])).toBe(once.replace(`  route.get("tasks/index", {to: "tasks#index"})\n`, `  route.get("tasks/index", {to: "tasks#index"})\n\n  route.get("tasks/show", {to: "tasks#show"})\n`))
  })

  it("puts a namespaced controller in a namespace block, and reuses an existing one", () => {
    const withAdmin = updated(readmeRoutes, "admin/users", ["index"])

    expect(withAdmin).toContain(`  })

  route.namespace("admin", (route) => {
    route.get("users/index", {to: "users#index"})
  })
})
`)

    const again = updated(withAdmin, "admin/users", ["index", "new-thing"])

    expect(again).toContain(`  route.namespace("admin", (route) => {
    route.get("users/index", {to: "users#index"})

    route.get("users/new-thing", {to: "users#newThing"})
  })
})
`)
    expect(again.match(/namespace\("admin"/g)).toHaveLength(1)
    expect(updated(readmeRoutes, "testing/reports", ["daily"])).toContain(`    route.post("truncate")

    route.get("reports/daily", {to: "reports#daily"})
  })
})`)
  })

  it("nests blocks for deeper namespaces", () => {
    expect(updated(readmeRoutes, "admin/reports/sales", ["index"])).toContain(`  route.namespace("admin", (route) => {
    route.namespace("reports", (route) => {
      route.get("sales/index", {to: "sales#index"})
    })
  })
})`)
  })

  it("uses the file's own parameter name, TypeScript annotations and an empty one-line block", () => {
    const source = `routes.draw((r: RouteScope) => {})\nexport default {routes}\n`

    expect(updated(source, "tasks", ["index"])).toBe(`routes.draw((r: RouteScope) => {\n  r.get("tasks/index", {to: "tasks#index"})\n})\nexport default {routes}\n`)
    expect(updated("routes.draw(r => {\n})\n", "tasks", ["index"])).toBe(`routes.draw(r => {\n  r.get("tasks/index", {to: "tasks#index"})\n})\n`)
  })

  it("ignores look-alikes in comments, strings and nested blocks", () => {
    const source = [
      `// route.get("tasks/index", {to: "tasks#index"})  routes.draw((x) => {`,
      `const note = "route.namespace(\\"admin\\", (route) => {"`,
      `routes.draw((route) => {`,
      `  route.resources("projects", (route) => {`,
      `    route.get("tasks/index", {to: "tasks#index"})`,
      `    route.namespace("admin", (route) => {})`,
      `  })`,
      `  /* } */`,
      `})`,
      ``
    ].join("\n")
    const result = updated(source, "admin/tasks", ["index"])

    expect(result.endsWith(`  /* } */\n\n  route.namespace("admin", (route) => {\n    route.get("tasks/index", {to: "tasks#index"})\n  })\n})\n`)).toBe(true)
    expect(updated(source, "tasks", ["index"]).endsWith(`  /* } */\n\n  route.get("tasks/index", {to: "tasks#index"})\n})\n`)).toBe(true)
  })

  it("refuses files it cannot edit safely, saying why", () => {
    expect(edit(`export default {routes: makeRoutes()}\n`, "tasks", ["index"])).toEqual({kind: "unsupported", reason: "it has no `routes.draw((route) => { ... })` block"})
    expect(edit(`a.draw((route) => {})\nb.draw((route) => {})\n`, "tasks", ["index"])).toEqual({kind: "unsupported", reason: "it has several `routes.draw(...)` blocks"})
    expect(edit(`routes.draw((route) => {\n  route.get("x\n})\n`, "tasks", ["index"])).toEqual({kind: "unsupported", reason: "its strings, comments or braces could not be read"})
    expect(edit(`routes.draw((route) => {\n`, "tasks", ["index"])).toEqual({kind: "unsupported", reason: "its strings, comments or braces could not be read"})
  })
})

describe("g:controller - names", () => {
  it("normalizes controller and action names the way the router maps them", () => {
    expect(controllerPlan("Tasks", ["index", "markDone", "mark_done", "mark-done"])).toEqual({
      folder: "tasks",
      namespaces: [],
      baseName: "tasks",
      className: "TasksController",
      actions: [{method: "index", dashed: "index"}, {method: "markDone", dashed: "mark-done"}]
    })
    expect(controllerPlan("tasks", ["step-2", "MarkDONE"]).actions).toEqual([{method: "step2", dashed: "step2"}, {method: "markDone", dashed: "mark-done"}])
    expect(controllerPlan("admin/ProjectDetails", [])).toMatchObject({folder: "admin/project-details", namespaces: ["admin"], baseName: "project-details", className: "AdminProjectDetailsController"})
  })

  it("rejects names the router or a class could not use", () => {
    for (const name of ["bad.name", "../tasks", "tasks/", "/tasks", "_root", "9lives", "a--b", ""]) {
      expect(() => controllerPlan(name, [])).toThrow(/is not a valid name/)
    }

    expect(() => controllerPlan("tasks", ["mark.done"])).toThrow("Action 'mark.done' is not a valid name")
    expect(() => controllerPlan("tasks", ["render"])).toThrow("Action 'render' would replace Controller#render")
    expect(() => controllerPlan("tasks", ["constructor"])).toThrow(/would replace/)
  })
})
