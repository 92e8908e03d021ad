import Controller from "velocious/build/src/controller.js"
import Task from "../../models/task.js"

export default class TasksController extends Controller {
  async index() {
    const projectId = this.params().project_id
    const query = projectId ? Task.where({project_id: projectId}) : Task.all()

    this.renderJson({tasks: await query.order("id").toArray()})
  }

  async create() {
    const {name, project_id: projectId} = this.params().task || {}
    const task = new Task({name, projectId, done: false})

    if (!await task.isValid()) return this.renderJson({errors: task.errors.fullMessages()}, {status: 422})

    await task.save()
    this.renderJson({task}, {status: 201})
  }

  async update() {
    const task = await Task.find(this.params().id)
    const {name, done} = this.params().task || {}

    await task.update({...(name === undefined ? {} : {name}), ...(done === undefined ? {} : {done: done === true || done === "true" || done === "1"})})
    this.renderJson({task})
  }

  async destroy() {
    const task = await Task.find(this.params().id)

    await task.destroy()
    this.head(204)
  }
}
