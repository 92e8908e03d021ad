import type Configuration from "../configuration.js"
import {loadAppConfiguration} from "../cli/load-app-configuration.js"
import ClusterPrimary from "./cluster/cluster-primary.js"
import type {WorkerOptions} from "./cluster/messages.js"
import {resolveWorkerCount, WorkerCountError} from "./cluster/worker-count.js"
import HttpServer, {defaultHost, defaultPort, type HttpServerOptions} from "./http-server.js"
import {loadAppRoutes} from "./load-app-routes.js"

export interface StartAppServerArgs extends Omit<HttpServerOptions, "configuration" | "routes"> {
  directory: string
  /** An already booted configuration (e.g. the test runner's); serves in this process only. */
  configuration?: Configuration
  /**
   * Processes sharing the port through node:cluster. Default: one per core
   * (os.availableParallelism()) in production, 1 otherwise. Outside production, 1 serves in
   * this process; in production even one worker runs under a supervising primary.
   */
  workers?: number
}

/** What stop() and the port mean the same for one in-process server and a cluster. */
export interface AppServer {
  getPort(): number
  stop(): Promise<void>
}

export interface StartedAppServer<Server extends AppServer = AppServer> {
  server: Server
  /** The app's configuration in this process (in a cluster's primary: loaded, without connections). */
  configuration: Configuration
  host: string
  port: number
  workers: number
  /** Whether a cluster primary (this process) supervises the workers, or this process serves. */
  clustered: boolean
}

/**
 * Boots the app in `directory` and listens: in this process for one worker, otherwise as the
 * primary of `workers` cluster processes that each boot the app and share the port.
 */
export async function startAppServer(args: StartAppServerArgs & {configuration: Configuration, workers?: 1}): Promise<StartedAppServer<HttpServer>>
export async function startAppServer(args: StartAppServerArgs): Promise<StartedAppServer>
export async function startAppServer({directory, configuration, workers, ...serverOptions}: StartAppServerArgs): Promise<StartedAppServer> {
  if (configuration) {
    if (workers !== undefined && workers !== 1) throw new WorkerCountError("workers > 1 boots the app in each worker: call startAppServer() without `configuration`")

    return {...await listenInProcess(configuration, serverOptions), workers: 1, clustered: false}
  }

  const loaded = await loadAppConfiguration(directory, {required: true}) as Configuration
  const environment = loaded.getEnvironment()
  const count = resolveWorkerCount(workers, environment)

  // Production always gets a primary: it restarts a worker that crashes, and it can start
  // workers with node flags (the young generation's size, see worker-exec-argv.ts), which a
  // process cannot give itself once running.
  if (count === 1 && environment !== "production") return {...await listenInProcess(await connectAndLoadModels(loaded), serverOptions), workers: 1, clustered: false}

  const workerOptions: WorkerOptions = {...serverOptions, directory: loaded.getDirectory(), host: serverOptions.host ?? defaultHost, port: serverOptions.port ?? defaultPort}
  const primary = new ClusterPrimary({configuration: loaded, workers: count, workerOptions})
  const {host, port} = await primary.start()

  return {server: primary, configuration: loaded, host, port, workers: count, clustered: true}
}

/** One cluster worker's boot: the whole app in this process, listening on the shared port. */
export async function bootInProcess({directory, ...serverOptions}: WorkerOptions): Promise<{server: HttpServer, configuration: Configuration}> {
  const configuration = await connectAndLoadModels(await loadAppConfiguration(directory, {required: true}) as Configuration)

  return await listenInProcess(configuration, serverOptions)
}

async function connectAndLoadModels(configuration: Configuration): Promise<Configuration> {
  if (configuration.options.database) {
    await configuration.ensureGlobalConnections()
    await configuration.initializeModels()
  }

  return configuration
}

async function listenInProcess(configuration: Configuration, serverOptions: Omit<HttpServerOptions, "configuration" | "routes">): Promise<{server: HttpServer, configuration: Configuration, host: string, port: number}> {
  const routes = await loadAppRoutes(configuration.getDirectory())
  const server = new HttpServer({...serverOptions, configuration, routes})
  const {host, port} = await server.start()

  return {server, configuration, host, port}
}
