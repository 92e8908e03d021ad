// Runs in browsers and Node: no Node import here (the generated models and this are bundled for the browser).

/** The part of WebsocketClient (http-client/websocket-client.js) frontend models use. */
export interface WebsocketClientLike {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{statusCode: number, json(): any}>
}

export interface FrontendModelTransportOptions {
  /** Prefix of the resource paths for fetch: "" (the page's origin, the default in a browser) or "http://localhost:3006". */
  baseUrl?: string
  /** Send commands over this websocket instead of fetch (the server routes them the same way). */
  websocketClient?: WebsocketClientLike
  /** Extra request headers (an auth token, a CSRF header), over fetch and websocket alike; a function is asked per request. */
  headers?: Record<string, string> | (() => Record<string, string>)
  /** fetch's credentials mode; default "same-origin", so the session cookie goes along. */
  credentials?: "omit" | "same-origin" | "include"
  /** A fetch of your own; default globalThis.fetch. */
  fetch?: typeof fetch
}

const optionKeys = ["baseUrl", "websocketClient", "headers", "credentials", "fetch"]

export class FrontendModelTransportError extends Error {
  override name = "FrontendModelTransportError"
}

let options: FrontendModelTransportOptions = {}

/** How every generated frontend model reaches the backend; call once at startup (again to switch). */
export function configureFrontendModels(newOptions: FrontendModelTransportOptions): void {
  for (const key of Object.keys(newOptions)) {
    if (!optionKeys.includes(key)) throw new FrontendModelTransportError(`Unknown option '${key}' given to configureFrontendModels(). Valid options: ${optionKeys.join(", ")}`)
  }

  options = {...newOptions}
}

export interface TransportAnswer {
  status: number
  body: any
}

/** POSTs one command and gives back the HTTP (or websocket) status and the JSON answer. */
export async function sendCommand(path: string, body: unknown): Promise<TransportAnswer> {
  const headers = typeof options.headers === "function" ? options.headers() : options.headers

  if (options.websocketClient) {
    const response = await options.websocketClient.request("POST", path, body, headers)

    return {status: response.statusCode, body: parseJson(response.json.bind(response), path)}
  }

  const fetchFunction = options.fetch ?? globalThis.fetch
  const inBrowser = typeof (globalThis as {document?: unknown}).document !== "undefined"

  if (!fetchFunction) throw new FrontendModelTransportError("No fetch here: pass configureFrontendModels({fetch}) or a websocketClient")
  if (options.baseUrl === undefined && !inBrowser) throw new FrontendModelTransportError(`Frontend models outside a browser need the server's address: configureFrontendModels({baseUrl: "http://localhost:3006"}) before calling ${path}`)

  const response = await fetchFunction(`${options.baseUrl ?? ""}${path}`, {
    method: "POST",
    headers: {"content-type": "application/json", accept: "application/json", ...headers},
    body: JSON.stringify(body),
    credentials: options.credentials ?? "same-origin"
  })
  const text = await response.text()

  return {status: response.status, body: parseJson(() => JSON.parse(text), path, text)}
}

function parseJson(parse: () => any, path: string, text?: string): any {
  try {
    return parse()
  } catch {
    throw new FrontendModelTransportError(`${path} did not answer JSON${text === undefined ? "" : `: ${text.slice(0, 200)}`}`)
  }
}
