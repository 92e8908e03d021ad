import type {PubSubAdapter, PubSubMessage} from "./adapter.js"

/** Fan-out inside one process: the default outside a cluster, and the reference the conformance spec holds the others to. */
export default class InProcessAdapter implements PubSubAdapter {
  private readonly delivers = new Set<(message: PubSubMessage) => void>()

  async start(deliver: (message: PubSubMessage) => void): Promise<void> {
    this.delivers.add(deliver)
  }

  async publish(message: PubSubMessage): Promise<void> {
    // Through JSON like every other adapter, so a payload a remote adapter would mangle (a Date, a Map) behaves the same here.
    const copy = JSON.parse(JSON.stringify(message)) as PubSubMessage

    for (const deliver of this.delivers) deliver(copy)
  }

  async close(): Promise<void> {
    this.delivers.clear()
  }
}
