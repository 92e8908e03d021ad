import {spawn, type ChildProcess} from "node:child_process"
import fs from "node:fs/promises"
import path from "node:path"
import Configuration from "velocious/build/src/configuration.js"
import type {DriverConfig} from "velocious/build/src/database/drivers/base/driver-config.js"
import JobStore from "velocious/build/src/background-jobs/job-store.js"
import {MigrationApp, packageRoot} from "../../database/migrator/support/migration-app.js"
import {freePort} from "../../database/support/private-server.js"

export {freePort}

const binary = path.join(packageRoot, "build/bin/velocious.js")

/** Jobs of the test app. Each run appends "<marker> <event>" to the file given, so the spec can count runs across processes. */
const countJob = `import fs from "node:fs"
import VelociousJob from "velocious/build/src/background-jobs/job.js"

export default class CountJob extends VelociousJob {
  async perform(file, marker, sleepMs = 0) {
    fs.appendFileSync(file, marker + " start " + process.pid + "\\n")
    if (sleepMs > 0) await new Promise((resolve) => setTimeout(resolve, sleepMs))
    fs.appendFileSync(file, marker + " done\\n")
  }
}
`

const failJob = `import fs from "node:fs"
import VelociousJob from "velocious/build/src/background-jobs/job.js"

export default class FailJob extends VelociousJob {
  async perform(file, marker) {
    fs.appendFileSync(file, marker + " start\\n")
    throw new Error("failed on purpose: " + marker)
  }
}
`

export interface RunningProcess {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>
  stop: () => Promise<void>
}


export class JobsApp {
  readonly app: MigrationApp
  readonly runsFile: string
  readonly config: DriverConfig
  readonly port: number
  private readonly processes = new Set<RunningProcess>()
  configuration: Configuration | undefined

  private constructor(app: MigrationApp, config: DriverConfig, port: number) {
    this.app = app
    this.config = config
    this.port = port
    this.runsFile = path.join(app.directory, "runs.log")
  }

  /** A temp app on `config` (SQLite becomes a file in the app, shared by every process) with CountJob and FailJob. */
  static async create(config: DriverConfig, backgroundJobs: Record<string, unknown> = {}): Promise<JobsApp> {
    const app = await MigrationApp.create("velocious-jobs-")
    const port = await freePort()
    const database = config.type === "sqlite" ? {type: "sqlite", name: path.join(app.directory, "jobs.sqlite")} : config
    const options = {database: {test: {default: database}}, logging: {console: false}, backgroundJobs: {host: "127.0.0.1", port, leaseSeconds: 60, retryBackoffScale: 0.01, pollIntervalMs: 50, ...backgroundJobs}}

    await app.writeFile("src/config/configuration.js", `import Configuration from "velocious/build/src/configuration.js"\n\nexport default new Configuration(${JSON.stringify(options, null, 2)})\n`)
    await app.writeFile("src/jobs/count-job.js", countJob)
    await app.writeFile("src/jobs/fail-job.js", failJob)
    await fs.writeFile(path.join(app.directory, "runs.log"), "")

    const jobsApp = new JobsApp(app, database as DriverConfig, port)

    // This process enqueues into the same database, and nudges the main on the same port.
    jobsApp.configuration = new Configuration({environment: "test", directory: app.directory, ...options} as any)
    jobsApp.configuration.setCurrent()
    await jobsApp.configuration.ensureGlobalConnections()
    await jobsApp.store().delete()

    return jobsApp
  }

  store(): JobStore {
    return JobStore.forConfiguration(this.configuration as Configuration)
  }

  spawn(args: string[], env: Record<string, string> = {}): RunningProcess {
    const child = spawn(process.execPath, [binary, ...args], {cwd: this.app.directory, env: {...process.env, VELOCIOUS_ENV: "test", ...env}})
    let output = ""
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    const listeners = new Set<() => void>()

    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      for (const listener of listeners) listener()
    }

    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)

    const running: RunningProcess = {
      child,
      output: () => output,
      exited,
      waitFor: (pattern, timeoutMs = 20_000) => new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output)

          if (match) {
            listeners.delete(check)
            clearTimeout(timer)
            resolve(match)
          }
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`velocious ${args.join(" ")} did not print ${pattern} within ${timeoutMs}ms: ${output}`))
        }, timeoutMs)

        listeners.add(check)
        exited.then((code) => {
          if (!pattern.exec(output)) {
            clearTimeout(timer)
            reject(new Error(`velocious ${args.join(" ")} exited with ${code} before printing ${pattern}: ${output}`))
          }
        })
        check()
      }),
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")

        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000)

        await exited
        clearTimeout(timer)
        this.processes.delete(running)
      }
    }

    this.processes.add(running)

    return running
  }

  async startMain(): Promise<RunningProcess> {
    const main = this.spawn(["background-jobs-main"])

    await main.waitFor(/Background jobs main listening on/)

    return main
  }

  async startWorker(args: string[] = [], port = this.port): Promise<RunningProcess> {
    const worker = this.spawn(["background-jobs-worker", "--port", String(port), ...args])

    await worker.waitFor(/Background jobs worker connected/)

    return worker
  }

  async runs(): Promise<string[]> {
    return (await fs.readFile(this.runsFile, "utf8")).split("\n").filter(Boolean)
  }

  /** Polls the table until `predicate` holds (bounded), returning the last counts. */
  async waitUntil(predicate: (counts: Record<string, number>) => boolean, timeoutMs = 20_000): Promise<Record<string, number>> {
    const deadline = Date.now() + timeoutMs
    let counts = await this.store().countsByState()

    while (!predicate(counts)) {
      if (Date.now() > deadline) throw new Error(`Jobs did not reach the expected state within ${timeoutMs}ms: ${JSON.stringify(counts)}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
      counts = await this.store().countsByState()
    }

    return counts
  }

  async close(): Promise<void> {
    for (const running of [...this.processes]) await running.stop()
    if (this.configuration) {
      await this.store().delete()
      await this.configuration.closeDatabaseConnections()
    }
    await fs.rm(this.app.directory, {recursive: true, force: true})
  }
}
