import {randomUUID} from "node:crypto"
import net from "node:net"
import os from "node:os"
import type Configuration from "../configuration.js"
import JobStore, {type StoredJob} from "./job-store.js"
import {readMessages, send, type Message} from "./protocol.js"

interface ConnectedWorker {
  id: string
  socket: net.Socket
  slots: number
  free: number
  inFlight: Map<string, StoredJob>
}

/**
 * The queue router: claims due jobs from background_jobs for the workers connected to it,
 * hands each to a worker with a free slot, and records what the workers report. Several mains
 * may share one database; claiming locks rows (SKIP LOCKED), so they never hand out one job twice.
 */
export default class BackgroundJobsMain {
  readonly id: string
  private readonly configuration: Configuration
  private readonly store: JobStore
  private readonly host: string
  private readonly port: number
  private readonly workers = new Set<ConnectedWorker>()
  private readonly sockets = new Set<net.Socket>()
  private server: net.Server | undefined
  private pollTimer: NodeJS.Timeout | undefined
  private dispatching = false
  private dispatchAgain = false
  private completions: {id: string, claimToken: string}[] = []
  private flushScheduled = false
  private flushing: Promise<void> | undefined
  private stopped = false
  private readonly onError: (error: unknown) => void

  constructor({configuration, host, port, onError, ...rest}: {configuration: Configuration, host?: string, port?: number, onError?: (error: unknown) => void}) {
    const unknown = Object.keys(rest)

    if (unknown.length > 0) throw new Error(`Unknown BackgroundJobsMain options: ${unknown.join(", ")}`)

    this.configuration = configuration
    this.store = JobStore.forConfiguration(configuration)
    this.host = host ?? this.store.settings.host
    this.port = port ?? this.store.settings.port
    this.id = `main-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`
    this.onError = onError || ((error) => console.error(`[background-jobs-main] ${error instanceof Error ? error.stack : String(error)}`))
  }

  /** Creates the table if needed, listens, and starts polling; resolves with the bound address (port 0 picks one). */
  async start(): Promise<{host: string, port: number}> {
    await this.store.ensureTable()

    const server = net.createServer((socket) => this.accept(socket))

    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(this.port, this.host, () => {
        server.off("error", reject)
        resolve()
      })
    })
    this.pollTimer = setInterval(() => this.poll(), this.store.settings.pollIntervalMs)
    this.poll()

    const address = server.address() as net.AddressInfo

    return {host: this.host, port: address.port}
  }

  /** Stops handing out jobs and closes connections. Jobs still running stay handed off; their workers report to the next main. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.pollTimer) clearInterval(this.pollTimer)
    // A write in flight keeps going until nothing is left; if it fails it puts its batch back, and
    // the second call is the one try more that stop() gives it.
    await this.flushCompletions().catch(() => undefined)
    await this.flushCompletions()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server ? this.server.close(() => resolve()) : resolve())
  }

  private accept(socket: net.Socket): void {
    let worker: ConnectedWorker | undefined

    this.sockets.add(socket)
    socket.setNoDelay(true)
    socket.on("error", () => undefined)
    socket.on("close", () => {
      this.sockets.delete(socket)
      if (worker) this.workerLost(worker)
    })
    readMessages(socket, (message) => {
      if (message.type === "hello") {
        worker = {id: message.workerId, socket, slots: message.slots, free: Math.max(0, message.slots - (message.busy || 0)), inFlight: new Map()}
        this.workers.add(worker)
        this.dispatch()
      } else if (message.type === "enqueued") {
        this.dispatch()
      } else if (worker) {
        this.workerReport(worker, message)
      }
    })
  }

  private workerReport(worker: ConnectedWorker, message: Message): void {
    if (message.type !== "completed" && message.type !== "failed") return

    const job = worker.inFlight.get(message.id)

    worker.inFlight.delete(message.id)
    worker.free = Math.min(worker.slots, worker.free + 1)

    if (message.type === "completed") {
      this.completions.push({id: message.id, claimToken: message.claimToken})
      this.scheduleFlush()
    } else {
      this.untilStored(() => this.recordFailure(job, message))
    }

    this.dispatch()
  }

  /**
   * Writes a report (a failure, a lost worker's job) and tries again while the database refuses
   * it, as when it restarts: a report dropped would leave its job handed off to nobody until the
   * lease runs out. The writes are guarded by the claim token, so a retry after a write whose
   * answer was lost changes nothing. The first error is reported; the retries back off to 2 s.
   */
  private untilStored(write: () => Promise<unknown>, attempt = 0): void {
    write().catch((error: unknown) => {
      if (attempt === 0) this.onError(error)
      if (this.stopped) return

      setTimeout(() => this.untilStored(write, attempt + 1), Math.min(100 * 2 ** attempt, 2000)).unref()
    })
  }

  private async recordFailure(job: StoredJob | undefined, message: Extract<Message, {type: "failed"}>): Promise<void> {
    // A job handed out by an earlier main (before a restart) is not in memory: read it back.
    const known = job || await this.store.find(message.id)

    if (!known || known.claimToken !== message.claimToken) return

    await this.store.fail({job: known, error: message.error, stack: message.stack})
  }

  /**
   * Completions are written in batches, with one UPDATE in flight at a time: what arrives while
   * one is being written goes into the next. Every write is a commit, and concurrent small commits
   * take connections and WAL flushes from the claims that hand out the next jobs.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing) return

    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      this.flushCompletions().catch(this.onError)
    })
  }

  private flushCompletions(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.writeCompletions().finally(() => { this.flushing = undefined })
    }

    return this.flushing
  }

  private async writeCompletions(): Promise<void> {
    while (this.completions.length > 0) {
      const batch = this.completions.splice(0, 500)

      try {
        await this.store.complete(batch)
      } catch (error) {
        // Kept for the next flush: dropping them would leave the jobs handed off until the lease runs out.
        this.completions.unshift(...batch)
        setTimeout(() => this.scheduleFlush(), 100)
        throw error
      }
    }
  }

  private workerLost(worker: ConnectedWorker): void {
    this.workers.delete(worker)

    // The worker died or was cut off mid-job: the job goes straight back to the queue (one retry used).
    for (const job of worker.inFlight.values()) {
      this.untilStored(() => this.store.fail({job, error: `Worker ${worker.id} disconnected while running the job`, stack: null, immediate: true}).then(() => this.dispatch()))
    }
    worker.inFlight.clear()
  }

  private poll(): void {
    if (this.stopped) return

    this.store.requeueOrphans()
      .catch(this.onError)
      .finally(() => this.dispatch())
  }

  /** Claims as many due jobs as there are free worker slots and sends them out; one run at a time, re-run if asked meanwhile. */
  private dispatch(): void {
    if (this.stopped) return
    if (this.dispatching) {
      this.dispatchAgain = true
      return
    }

    this.dispatching = true
    this.dispatchLoop()
      .catch(this.onError)
      .finally(() => {
        this.dispatching = false
        if (this.dispatchAgain) {
          this.dispatchAgain = false
          this.dispatch()
        }
      })
  }

  private async dispatchLoop(): Promise<void> {
    for (let round = 0; round < 100 && !this.stopped; round++) {
      this.dispatchAgain = false

      const free = [...this.workers].reduce((sum, worker) => sum + worker.free, 0)

      if (free === 0) return

      const limit = Math.min(free, 200)
      const jobs = await this.store.claim({limit, claimedBy: this.id})

      for (const job of jobs) await this.handOut(job)

      if (jobs.length < limit && !this.dispatchAgain) return
    }
  }

  private async handOut(job: StoredJob): Promise<void> {
    let chosen: ConnectedWorker | undefined

    for (const worker of this.workers) {
      if (worker.free > 0 && !worker.socket.destroyed && (!chosen || worker.free > chosen.free)) chosen = worker
    }

    if (!chosen) {
      // Every worker left between the claim and now: put it back untouched.
      await this.store.release(job)
      return
    }

    chosen.free--
    chosen.inFlight.set(job.id, job)
    send(chosen.socket, {type: "job", id: job.id, claimToken: job.claimToken as string, jobName: job.jobName, args: job.args, forked: job.forked})
  }

  connectedWorkers(): number {
    return this.workers.size
  }

  getConfiguration(): Configuration {
    return this.configuration
  }
}
