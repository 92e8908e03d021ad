/** What the primary passes to each worker (through the environment, as JSON). */
export interface WorkerOptions {
  directory: string
  host: string
  port: number
  maxBodyBytes?: number
  keepAliveTimeoutMs?: number
  headersTimeoutMs?: number
  shutdownTimeoutMs?: number
}

export const workerOptionsVariable = "VELOCIOUS_CLUSTER_WORKER_OPTIONS"

/** Sent by the primary: stop accepting, drain in-flight requests, exit 0. */
export const shutdownMessage = "velocious:shutdown"
