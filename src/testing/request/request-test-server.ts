import Configuration from "../../configuration.js"
import type HttpServer from "../../http-server/http-server.js"

export class RequestTestSetupError extends Error {
  override name = "RequestTestSetupError"
}

let starting: Promise<{server: HttpServer, baseUrl: string}> | undefined

/** The app server for request tests: started in-process on a free port at first use, shared by the run. */
export async function requestTestBaseUrl(): Promise<string> {
  starting ||= start()

  try {
    return (await starting).baseUrl
  } catch (error) {
    starting = undefined
    throw error
  }
}

async function start(): Promise<{server: HttpServer, baseUrl: string}> {
  if (!Configuration.hasCurrent()) {
    throw new RequestTestSetupError("Request tests need the app: run them with `npx velocious test` from the app root (with src/config/configuration.js and src/config/routes.js)")
  }

  const configuration = Configuration.current()
  // Loaded here, so test runs without request tests never load the HTTP stack.
  const {startAppServer} = await import("../../http-server/start-app-server.js")
  const {server, port} = await startAppServer({directory: configuration.getDirectory(), configuration, host: "127.0.0.1", port: 0, shutdownTimeoutMs: 2000})

  return {server, baseUrl: `http://127.0.0.1:${port}`}
}

export async function stopRequestTestServer(): Promise<void> {
  const current = starting

  starting = undefined
  if (!current) return

  const {server} = await current.catch(() => ({server: undefined}))

  await server?.stop()
}
