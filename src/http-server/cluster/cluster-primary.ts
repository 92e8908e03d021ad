import cluster, {type Worker} from "node:cluster"
import {fileURLToPath} from "node:url"
import type Configuration from "../../configuration.js"
import Logger from "../../logger.js"
import {shutdownMessage, workerOptionsVariable, type WorkerOptions} from "./messages.js"
import {isClusterEventMessage} from "../../websocket-events/cluster-adapter.js"
import {workerExecArgv} from "./worker-exec-argv.js"

export class WorkerStartError extends Error {
  override name = "WorkerStartError"
}

export interface ClusterPrimaryArgs {
  configuration: Configuration
  workers: number
  workerOptions: WorkerOptions
}

const workerEntry = fileURLToPath(new URL("./worker-entry.js", import.meta.url))
const firstBackoffMs = 100
const maxBackoffMs = 5000
// A worker that lived this long before crashing counts as healthy: the backoff starts over.
const healthyAfterMs = 10_000

/**
 * Forks `workers` processes that share one listening port (node:cluster), restarts a worker
 * that dies, and on stop() asks every worker to drain and waits for all of them to exit.
 */
export default class ClusterPrimary {
  private readonly args: ClusterPrimaryArgs
  private readonly logger: Logger
  private readonly startedAt = new Map<Worker, number>()
  private readonly exits = new Map<Worker, Promise<void>>()
  private port = 0
  private consecutiveCrashes = 0
  private shuttingDown = false
  private stopping: Promise<void> | undefined

  constructor(args: ClusterPrimaryArgs) {
    this.args = args
    this.logger = new Logger("HttpServer", {configuration: args.configuration})
  }

  async start(): Promise<{host: string, port: number}> {
    cluster.setupPrimary({exec: workerEntry, args: [], execArgv: workerExecArgv(process.execArgv)})

    try {
      const ports = await Promise.all(Array.from({length: this.args.workers}, () => this.fork({startup: true})))

      this.port = ports[0]
    } catch (error) {
      await this.stop()
      throw error
    }

    return {host: this.args.workerOptions.host, port: this.port}
  }

  getPort(): number {
    return this.port
  }

  workerPids(): number[] {
    return [...this.startedAt.keys()].map((worker) => worker.process.pid as number)
  }

  /** Asks every worker to drain its in-flight requests and exit; kills those still running after the shutdown timeout. */
  stop(): Promise<void> {
    this.stopping ||= this.shutDown()

    return this.stopping
  }

  private async shutDown(): Promise<void> {
    this.shuttingDown = true

    const graceMs = (this.args.workerOptions.shutdownTimeoutMs ?? 10_000) + 5000
    const workers = [...this.exits.keys()]

    for (const worker of workers) this.send(worker, shutdownMessage)

    let timer: NodeJS.Timeout | undefined
    const overdue = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), graceMs) })
    const exited = Promise.all(workers.map((worker) => this.exits.get(worker))).then(() => false)

    if (await Promise.race([exited, overdue])) {
      void this.logger.warn(`Workers still running ${graceMs}ms after shutdown was asked; killing them`)
      for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL")
      await exited
    }

    clearTimeout(timer)
  }

  /** Forks one worker; resolves with its port once it listens, rejects if it dies first. */
  private fork({startup}: {startup: boolean}): Promise<number> {
    const worker = cluster.fork({[workerOptionsVariable]: JSON.stringify(this.args.workerOptions)})

    this.startedAt.set(worker, Date.now())
    // IPC to a worker that just died fails with EPIPE; the exit handler deals with the death.
    worker.on("error", (error) => { void this.logger.debug(`Worker ${worker.process.pid}: ${error.message}`) })
    // The cluster websocket-events adapter: a worker's event goes to every worker, itself included.
    worker.on("message", (message: unknown) => {
      if (!isClusterEventMessage(message)) return

      for (const other of this.exits.keys()) if (!other.isDead() && other.isConnected()) other.send(message, undefined, () => {})
    })

    return new Promise((resolve, reject) => {
      let listening = false

      worker.once("listening", (address) => {
        listening = true
        resolve(address.port)
      })

      this.exits.set(worker, new Promise((exited) => {
        worker.once("exit", (code, signal) => {
          const livedMs = Date.now() - (this.startedAt.get(worker) ?? Date.now())

          this.startedAt.delete(worker)
          this.exits.delete(worker)
          exited()

          if (!listening) {
            reject(new WorkerStartError(`A server worker (pid ${worker.process.pid}) exited with ${signal || `code ${code}`} before it listened: see its error above`))
            if (startup) return
          }

          if (!this.shuttingDown) this.restartLater(worker, code, signal, livedMs)
        })
      }))
    })
  }

  private restartLater(worker: Worker, code: number | null, signal: string | null, livedMs: number): void {
    if (livedMs >= healthyAfterMs) this.consecutiveCrashes = 0

    const delayMs = Math.min(firstBackoffMs * 2 ** this.consecutiveCrashes, maxBackoffMs)

    this.consecutiveCrashes++
    void this.logger.error(`Worker ${worker.process.pid} exited with ${signal || `code ${code}`}; starting a new one in ${delayMs}ms`)

    setTimeout(() => {
      if (this.shuttingDown) return

      this.fork({startup: false}).catch((error: Error) => { void this.logger.error(error.message) })
    }, delayMs)
  }

  private send(worker: Worker, message: string): void {
    if (worker.isDead() || !worker.isConnected()) return

    try {
      worker.send(message)
    } catch {
      // Gone between the check and the send; its exit is already on the way.
    }
  }
}
