import {afterAll, beforeAll, beforeEach} from "velocious/build/src/testing/test.js"
import type Configuration from "velocious/build/src/configuration.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import SchemaStatements from "velocious/build/src/database/migration/schema-statements.js"
import type TableDefinition from "velocious/build/src/database/migration/table-definition.js"
import type Record from "velocious/build/src/database/record/index.js"
import {connectTestConfiguration} from "./test-databases.js"

export interface ScratchTable {
  configuration(): Configuration
  db(): BaseDriver
}

/**
 * One table of a spec's own, for one model, on one test database: created (after dropping a
 * leftover) before the spec's tests, emptied before each, dropped after them. Call inside describe().
 */
export function useScratchTable(config: DriverConfig, table: string, define: (t: TableDefinition) => void, model: typeof Record): ScratchTable {
  let connected: {configuration: Configuration, db: BaseDriver} | undefined
  const current = () => {
    if (!connected) throw new Error(`The scratch table ${table} is not set up yet (beforeAll has not run)`)

    return connected
  }

  beforeAll(async () => {
    connected = await connectTestConfiguration(config)

    const schema = new SchemaStatements(connected.db)

    await schema.dropTable(table, {ifExists: true})
    await schema.createTable(table, define)
    await model.initializeRecord({configuration: connected.configuration})
  })

  afterAll(async () => {
    const {configuration, db} = current()

    await new SchemaStatements(db).dropTable(table, {ifExists: true})
    await configuration.closeDatabaseConnections()
  })

  beforeEach(async () => {
    await current().db.execute(`DELETE FROM ${table}`)
  })

  return {configuration: () => current().configuration, db: () => current().db}
}
