import {afterAll, beforeAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type {TestDatabase} from "../../database/support/test-databases.js"
import {authorizationModels} from "./models.js"

const tables = ["az_tasks", "az_projects", "az_users"]

/** Per dialect: the az_* tables, the models initialized on them, emptied before each test. Call inside describe(). */
export function useAuthorizationModels({config}: TestDatabase): {configuration: () => Configuration, db: () => BaseDriver} {
  let configuration: Configuration | undefined
  const db = () => (configuration as Configuration).getDatabasePool().getCurrentConnection()

  beforeAll(async () => {
    configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: {...config}}}})
    await configuration.ensureGlobalConnections()

    const schema = new SchemaStatements(db())

    for (const table of tables) await schema.dropTable(table, {ifExists: true})
    await schema.createTable("az_users", (t) => {
      t.string("name")
      t.boolean("admin", {default: false})
    })
    await schema.createTable("az_projects", (t) => {
      t.integer("user_id")
      t.string("name")
      t.boolean("public", {default: false})
    })
    await schema.createTable("az_tasks", (t) => {
      t.integer("project_id")
      t.string("name")
      t.boolean("done", {default: false})
    })

    for (const model of authorizationModels) await model.initializeRecord({configuration})
  })

  beforeEach(async () => {
    for (const table of tables) await db().execute(`DELETE FROM ${db().quoteIdentifier(table)}`)
  })

  afterAll(async () => {
    if (!configuration) return

    const schema = new SchemaStatements(db())

    for (const table of tables) await schema.dropTable(table, {ifExists: true})
    await configuration.closeDatabaseConnections()
    configuration = undefined
  })

  return {configuration: () => configuration as Configuration, db}
}
