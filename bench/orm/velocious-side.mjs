// The Velocious side: models on a Configuration of their own per dialect, used as an app would.
import Configuration from "../../build/src/configuration.js"
import Record from "../../build/src/database/record/index.js"

class Project extends Record {}
class Task extends Record {}

Task.belongsTo("project")

/** Connects, and (re)initializes the models against this dialect's configuration. */
export async function velociousConnection(config) {
  const configuration = new Configuration({environment: "bench", logging: {console: false}, database: {bench: {default: config}}})

  await configuration.ensureGlobalConnections()

  return {configuration, driver: configuration.getDatabasePool("default").getCurrentConnection()}
}

/** The bench's models, initialized against this configuration. */
export async function velociousModels(configuration) {
  await Project.initializeRecord({configuration})
  await Task.initializeRecord({configuration})

  return {Project, Task}
}

export async function velociousSide(configuration) {
  await velociousModels(configuration)

  return {
    find: (id) => Task.find(id),
    whereState: (state) => Task.where({state}).toArray(),
    createTasks: (list) => Task.transaction(async () => {
      for (const attributes of list) await Task.create(attributes)
    }),
    // Timestamps are filled by insertMultiple, as save() would.
    insertMultiple: ({columns, arrays}) => Task.insertMultiple(columns, arrays),
    preload: (limit) => Task.preload({project: true}).limit(limit).toArray(),
    // What renderJson sends for records: their toJSON() through JSON.stringify.
    tasksJson: async (limit) => JSON.stringify(await Task.limit(limit).toArray()),
    check: {
      id: (task) => task.id(),
      state: (task) => task.state(),
      projectName: (task) => task.project().name()
    },
    close: () => configuration.closeDatabaseConnections()
  }
}
