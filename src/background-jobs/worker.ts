import {randomUUID} from "node:crypto"
import net from "node:net"
import os from "node:os"
import type Configuration from "../configuration.js"
import {runForkedJob} from "./fork-job.js"
import {readMessages, send, type Message} from "./protocol.js"
import {errorReport, runJobInline} from "./run-job.js"
import {backgroundJobsSettings} from "./settings.js"

type JobMessage = Extract<Message, {type: "job"}>
type Report = Extract<Message, {type: "completed" | "failed"}>

/**
 * Connects to a main, runs the jobs it is handed (a child process each, or inline when the
 * job says forked: false) and reports back. Reconnects by itself when the main goes away;
 * reports made while disconnected are sent once it is back.
 */
export default class BackgroundJobsWorker {
  readonly id: string
  private readonly configuration: Configuration
  private readonly host: string
  private readonly port: number
  private readonly slots: number
  private readonly running = new Set<string>()
  private readonly unsent: Report[] = []
  private socket: net.Socket | undefined
  private connected = false
  private stopped = false
  private reconnectTimer: NodeJS.Timeout | undefined
  private onConnect: (() => void) | undefined

  constructor({configuration, host, port, slots = 1, ...rest}: {configuration: Configuration, host?: string, port?: number, slots?: number}) {
    const unknown = Object.keys(rest)

    if (unknown.length > 0) throw new Error(`Unknown BackgroundJobsWorker options: ${unknown.join(", ")}`)
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`A worker needs at least 1 slot, got ${slots}`)

    const settings = backgroundJobsSettings(configuration)

    this.configuration = configuration
    this.host = host ?? settings.host
    this.port = port ?? settings.port
    this.slots = slots
    this.id = `worker-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`
  }

  /** Resolves once connected the first time; keeps retrying (every 200 ms) until then. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.onConnect = resolve
      this.connect()
    })
  }

  /** Stops taking jobs and waits (bounded) for the running ones to report. */
  async stop({timeoutMs = 30_000}: {timeoutMs?: number} = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs

    this.stopped = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    while ((this.running.size > 0 || this.unsent.length > 0) && this.connected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    this.socket?.end()
    this.socket?.destroy()
  }

  private connect(): void {
    const socket = net.connect({host: this.host, port: this.port})

    this.socket = socket
    socket.setNoDelay(true)
    socket.on("connect", () => {
      this.connected = true
      send(socket, {type: "hello", workerId: this.id, slots: this.slots, busy: this.running.size})
      for (const report of this.unsent.splice(0)) send(socket, report)
      this.onConnect?.()
      this.onConnect = undefined
    })
    socket.on("error", () => undefined)
    socket.on("close", () => {
      this.connected = false
      if (this.socket === socket) this.socket = undefined
      if (!this.stopped) this.reconnectTimer = setTimeout(() => this.connect(), 200)
    })
    readMessages(socket, (message) => {
      if (message.type === "job") this.run(message)
    })
  }

  private run(job: JobMessage): void {
    this.running.add(job.id)

    const execution = job.forked
      ? runForkedJob({directory: this.configuration.getDirectory(), jobName: job.jobName, args: job.args})
      : runJobInline({configuration: this.configuration, jobName: job.jobName, args: job.args})

    execution.then(
      () => this.report({type: "completed", id: job.id, claimToken: job.claimToken}),
      (error) => this.report({type: "failed", id: job.id, claimToken: job.claimToken, ...errorReport(error)})
    )
  }

  private report(report: Report): void {
    this.running.delete(report.id)
    if (this.connected && this.socket) send(this.socket, report)
    else this.unsent.push(report)
  }
}
