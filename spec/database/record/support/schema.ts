import {afterAll, beforeAll, beforeEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type {TestDatabase} from "../../support/test-databases.js"
import {allModels, callbackLog} from "./models.js"
import {watchStatements} from "./watch-statements.js"

// Children first, so deleting rows never trips over a reference.
export const recordTables = ["comments", "tasks", "project_details", "projects", "accounts"]

async function createSchema(db: BaseDriver): Promise<void> {
  const schema = new SchemaStatements(db)

  await dropSchema(db)
  await schema.createTable("accounts", (t) => {
    t.string("name")
    t.string("code")
    t.string("email")
    t.integer("employees_count")
    t.string("plan")
    t.timestamps()
  })
  await schema.createTable("projects", (t) => {
    t.references("account")
    t.string("account_code")
    t.string("name")
    t.boolean("public", {default: false})
    t.timestamps()
  })
  await schema.createTable("project_details", (t) => {
    t.references("project")
    t.boolean("is_active")
    t.timestamps()
  })
  await schema.createTable("tasks", (t) => {
    t.references("project")
    t.string("name")
    t.string("identifier")
    t.text("description")
    t.string("state")
    t.string("status")
    t.datetime("completed_at")
    t.timestamps()
  })
  await schema.createTable("comments", (t) => {
    t.references("task")
    t.references("accepted_task")
    t.string("body")
    t.timestamps()
  })
}

/** Only our own tables: other suites share velocious_test. */
export async function dropSchema(db: BaseDriver): Promise<void> {
  const schema = new SchemaStatements(db)

  for (const table of recordTables) await schema.dropTable(table, {ifExists: true})
}

export interface RecordSuite {
  configuration(): Configuration
  /** The connection the models use in this suite. */
  db(): BaseDriver
}

/**
 * Per dialect: a configuration, the tables, the models initialized against it, empty tables
 * before each test and the tables dropped afterwards. Call inside describe().
 */
export function useRecordModels({dialect, config}: TestDatabase): RecordSuite {
  let configuration: Configuration | undefined

  const suite: RecordSuite = {
    configuration() {
      if (!configuration) throw new Error(`The ${dialect} record suite has no configuration yet (beforeAll has not run)`)

      return configuration
    },
    db: () => suite.configuration().getDatabasePool("default").getCurrentConnection()
  }

  beforeAll(async () => {
    configuration = new Configuration({environment: "test", logging: {console: false}, database: {test: {default: {...config}}}})
    await configuration.ensureGlobalConnections()
    await createSchema(suite.db())

    // Again for every dialect: this points the models (and the registry) at this configuration.
    for (const model of allModels) await model.initializeRecord({configuration})
  })

  beforeEach(async () => {
    for (const table of recordTables) await suite.db().execute(`DELETE FROM ${suite.db().quoteIdentifier(table)}`)
    callbackLog.length = 0
  })

  afterAll(async () => {
    if (!configuration) return

    await dropSchema(suite.db())
    await configuration.closeDatabaseConnections()
    configuration = undefined
  })

  return suite
}

/** Counts the statements the models send while `callback` runs. */
export async function countStatements(db: BaseDriver, callback: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = []

  await watchStatements(db, (sql) => statements.push(sql), callback)

  return statements
}
