/** A message as it travels between processes: the event channel and its JSON-safe payload. */
export interface PubSubMessage {
  channel: string
  payload: unknown
}

/**
 * What fans websocket events out. Every process starts the adapter with a `deliver` callback;
 * publish() must reach `deliver` in every started process sharing the adapter (this one
 * included), once, in publish order per publisher. Adapters carry every channel: each
 * process filters by its own subscriptions, which keeps adapters small.
 */
export interface PubSubAdapter {
  start(deliver: (message: PubSubMessage) => void): Promise<void>
  publish(message: PubSubMessage): Promise<void>
  close(): Promise<void>
}

export class WebsocketEventsConfigurationError extends Error {
  override name = "WebsocketEventsConfigurationError"
}

export class MissingPubSubPackageError extends Error {
  override name = "MissingPubSubPackageError"
}

/** ioredis and pg are optional: imported only when their adapter starts, and a missing one says what to install. */
export async function loadOptionalPackage<Module>(packageName: string, adapterName: string): Promise<Module> {
  try {
    const loaded = await import(/* @vite-ignore */ packageName) as {default?: unknown}

    return (loaded.default ?? loaded) as Module
  } catch (error) {
    const code = (error as {code?: unknown}).code

    if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String((error as Error).message).includes(packageName)) {
      throw new MissingPubSubPackageError(`The "${adapterName}" websocket events adapter needs the "${packageName}" package, which is not installed. Install it with: npm install ${packageName}`, {cause: error})
    }

    throw error
  }
}
