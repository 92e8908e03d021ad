import path from "node:path"
import {pathToFileURL} from "node:url"
import type {DialectName} from "velocious/build/src/database/drivers/base/adapter.js"
import type BaseDriver from "velocious/build/src/database/drivers/base/base-driver.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import type Configuration from "velocious/build/src/configuration.js"
import {spawnUntilListening, type ServerProcess} from "../../http/support/server-process.js"
import {packageRoot, TempApp} from "../../http/support/temp-app.js"
import {appDatabaseConfig, connectAppDatabase, createFrontendTables, dropFrontendTables, writeFrontendApp} from "./frontend-app.js"

export interface FrontendServer {
  app: TempApp
  db: BaseDriver
  port: number
  server: ServerProcess
  /** The generated classes, imported from the app's src/frontend-models. */
  models: () => Promise<{User: any, Project: any, Task: any}>
  stop: () => Promise<void>
}

/** The frontend app on one database: tables made, classes generated with the CLI, `velocious server` running. */
export async function startFrontendServer(dialect: DialectName, config: DriverConfig, {typescript = false}: {typescript?: boolean} = {}): Promise<FrontendServer> {
  const app = new TempApp(`frontend-models-${dialect}`)
  const databaseConfig = appDatabaseConfig(dialect, config, app)
  let connection: {configuration: Configuration, db: BaseDriver} | undefined
  let server: ServerProcess | undefined

  try {
    writeFrontendApp(app, databaseConfig, {typescript})
    connection = await connectAppDatabase(databaseConfig, app.directory)
    await createFrontendTables(connection.db)

    const generated = await app.run(["g:frontend-models"])

    if (generated.code !== 0) throw new Error(`g:frontend-models failed: ${generated.stdout}${generated.stderr}`)

    server = await spawnUntilListening([path.join(packageRoot, "build/bin/velocious.js"), "server", "--port", "0"], {cwd: app.directory})
  } catch (error) {
    server?.child.kill("SIGKILL")
    if (connection) await connection.configuration.closeDatabaseConnections()
    app.remove()
    throw error
  }

  const {configuration, db} = connection
  const running = server
  const ext = typescript ? "ts" : "js"
  const load = (name: string) => import(pathToFileURL(path.join(app.directory, `src/frontend-models/${name}.${ext}`)).href).then((module) => module.default)

  return {
    app, db, port: running.port, server: running,
    models: async () => ({User: await load("user"), Project: await load("project"), Task: await load("task")}),
    stop: async () => {
      running.child.kill("SIGTERM")
      await running.exited
      await dropFrontendTables(db)
      await configuration.closeDatabaseConnections()
      app.remove()
    }
  }
}
