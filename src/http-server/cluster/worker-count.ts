import os from "node:os"

export class WorkerCountError extends Error {
  override name = "WorkerCountError"
}

/** `workers` as given, else one per core in production and 1 (no cluster) elsewhere. */
export function resolveWorkerCount(workers: number | undefined, environment: string): number {
  if (workers === undefined) return environment === "production" ? os.availableParallelism() : 1

  if (!Number.isInteger(workers) || workers < 1) throw new WorkerCountError(`workers must be a whole number of at least 1, got ${String(workers)}`)

  return workers
}
