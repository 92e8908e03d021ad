import {describe, expect, it} from "velocious/build/src/testing/test.js"
import Project from "../../models/project.js"
import Task from "../../models/task.js"

describe("projects", {type: "request"}, () => {
  it("creates a project and lists it as JSON", async ({client}) => {
    const created = await client.post("/projects", {project: {name: "Launch"}})

    expect(created.statusCode()).toEqual(201)

    const response = await client.get("/projects", {headers: {accept: "application/json"}})

    expect(response.statusCode()).toEqual(200)
    expect(response.json().projects.map((project) => project.name)).toContain("Launch")
  })

  it("renders the index view with each project's tasks", async ({client}) => {
    const project = await Project.create({name: "Website"})

    await Task.create({name: "Write <copy>", projectId: project.id(), done: true})

    const response = await client.get("/projects", {headers: {accept: "text/html"}})

    expect(response.statusCode()).toEqual(200)
    expect(response.body()).toContain("<h2>Website</h2>")
    expect(response.body()).toContain("Write &lt;copy&gt;")
  })

  it("adds and completes a task", async ({client}) => {
    const project = await Project.create({name: "Backlog"})
    const created = await client.post("/tasks", {task: {name: "Triage", project_id: project.id()}})
    const id = created.json().task.id

    await client.patch(`/tasks/${id}`, {task: {done: true}})

    expect((await Task.find(id)).done()).toEqual(true)
    expect((await client.get(`/projects/${project.id()}`)).json().tasks.map((task) => task.name)).toEqual(["Triage"])
  })
})
