import cluster from "node:cluster"
import type {PubSubAdapter, PubSubMessage} from "./adapter.js"

export const clusterEventMessageType = "velocious:websocket-event"

interface ClusterEventMessage {
  type: typeof clusterEventMessageType
  message: PubSubMessage
}

export function isClusterEventMessage(value: unknown): value is ClusterEventMessage {
  return typeof value === "object" && value !== null && (value as {type?: unknown}).type === clusterEventMessageType
}

/**
 * Fan-out across the workers of one node:cluster primary: a worker sends the event to the
 * primary over IPC, and the primary relays it to every worker (see cluster-primary.ts), the
 * sender included, so all workers see events in one order. Outside a cluster worker it
 * delivers in-process.
 */
export default class ClusterAdapter implements PubSubAdapter {
  private deliver: ((message: PubSubMessage) => void) | undefined
  private readonly onMessage = (value: unknown) => {
    if (isClusterEventMessage(value)) this.deliver?.(value.message)
  }

  async start(deliver: (message: PubSubMessage) => void): Promise<void> {
    this.deliver = deliver
    if (cluster.isWorker) process.on("message", this.onMessage)
  }

  async publish(message: PubSubMessage): Promise<void> {
    if (!cluster.isWorker || !process.send) {
      this.deliver?.(JSON.parse(JSON.stringify(message)) as PubSubMessage)
      return
    }

    const envelope: ClusterEventMessage = {type: clusterEventMessageType, message}

    await new Promise<void>((resolve, reject) => process.send!(envelope, undefined, {}, (error) => error ? reject(error) : resolve()))
  }

  async close(): Promise<void> {
    process.off("message", this.onMessage)
    this.deliver = undefined
  }
}
