import Controller from "velocious/build/src/controller.js"
import Project from "../../models/project.js"
import Task from "../../models/task.js"

export default class ProjectsController extends Controller {
  // HTML for browsers (index.ejs), JSON for API clients (Accept: application/json).
  async index() {
    const projects = await Project.order("name").toArray()

    if (this.getRequest().acceptsJson()) return this.renderJson({projects})

    const tasksByProject = {}

    for (const task of await Task.order("id").toArray()) (tasksByProject[task.projectId()] ||= []).push(task)

    this.assignView({projects, tasksByProject})
  }

  async show() {
    const project = await Project.find(this.params().id)
    const tasks = await Task.where({project_id: project.id()}).order("id").toArray()

    this.renderJson({project, tasks})
  }

  async create() {
    const project = new Project({name: this.params().project?.name})

    // Like Rails' `if @project.save`: invalid input is a 422 with the messages, not an exception.
    if (!await project.isValid()) return this.renderJson({errors: project.errors.fullMessages()}, {status: 422})

    await project.save()
    this.renderJson({project}, {status: 201})
  }

  async destroy() {
    const project = await Project.find(this.params().id)

    await project.destroy()
    this.head(204)
  }
}
