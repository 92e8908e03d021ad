import Configuration, {type ConfigurationOptions} from "velocious/build/src/configuration.js"
import HttpServer, {type HttpServerOptions} from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {TempApp} from "../../http/support/temp-app.js"
import {writeWebsocketApp} from "./websocket-app.js"

export interface StartedWebsocketServer {
  app: TempApp
  configuration: Configuration
  server: HttpServer
  port: number
  url: string
  stop: () => Promise<void>
}

/** The websocket test app served in this process, with the given configuration options (resolvers, adapters). */
export async function startWebsocketServer(options: ConfigurationOptions = {}, serverOptions: Partial<HttpServerOptions> = {}): Promise<StartedWebsocketServer> {
  const app = new TempApp("websockets")

  writeWebsocketApp(app)

  const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}, cookieSecret: "a test secret that is long enough", ...options})

  await configuration.initialize()

  const server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0, ...serverOptions})
  const {port} = await server.start()

  return {
    app, configuration, server, port,
    url: `ws://127.0.0.1:${port}/websocket`,
    stop: async () => {
      await server.stop()
      await configuration.close()
      app.remove()
    }
  }
}
