import type Configuration from "../configuration.js"
import {bootApp} from "../cli/support/boot-app.js"
import HttpServer, {type HttpServerOptions} from "./http-server.js"
import {loadAppRoutes} from "./load-app-routes.js"

export interface StartAppServerArgs extends Omit<HttpServerOptions, "configuration" | "routes"> {
  directory: string
  /** An already booted configuration (e.g. the test runner's); otherwise the app is booted here. */
  configuration?: Configuration
}

/** Boots the app in `directory` (configuration, models, connections), loads its routes and listens. */
export async function startAppServer({directory, configuration, ...serverOptions}: StartAppServerArgs): Promise<{server: HttpServer, configuration: Configuration, host: string, port: number}> {
  const booted = configuration || await bootApp(directory, {required: true}) as Configuration
  const routes = await loadAppRoutes(booted.getDirectory())
  const server = new HttpServer({...serverOptions, configuration: booted, routes})
  const {host, port} = await server.start()

  return {server, configuration: booted, host, port}
}
