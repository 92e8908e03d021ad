// End-to-end background jobs throughput: jobs/s from the first enqueue to the last job marked
// completed in background_jobs, with a real `background-jobs-main` and 2 `background-jobs-worker`
// processes, non-forked and forked, on SQLite and PostgreSQL. Target: >= 2,000 non-forked jobs/s
// on PostgreSQL with 2 workers. pg-boss (a devDependency) runs the same count on the same
// PostgreSQL database, as the comparison. A benchmark, not a test.
//   node bench/jobs/run.mjs      JOBS=5000 FORKED_JOBS=100 CONCURRENCY=50 DIALECTS=sqlite,pgsql node bench/jobs/run.mjs
import {spawn} from "node:child_process"
import fs from "node:fs/promises"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import {fileURLToPath} from "node:url"
import Configuration from "../../build/src/configuration.js"
import {enqueueJob} from "../../build/src/background-jobs/enqueue.js"
import JobStore from "../../build/src/background-jobs/job-store.js"
import {closeMainNotifier} from "../../build/src/background-jobs/notify-main.js"

const env = process.env
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const binary = path.join(root, "build/bin/velocious.js")
const jobCount = Number(env.JOBS || 5000)
const forkedJobCount = Number(env.FORKED_JOBS || 100)
const concurrency = Number(env.CONCURRENCY || 50)
const dialects = (env.DIALECTS || "sqlite,pgsql").split(",")
const pgsql = {type: "pgsql", host: env.VELOCIOUS_TEST_PGSQL_HOST || "127.0.0.1", port: Number(env.VELOCIOUS_TEST_PGSQL_PORT || 5432), username: env.VELOCIOUS_TEST_PGSQL_USERNAME || "postgres", password: env.VELOCIOUS_TEST_PGSQL_PASSWORD || "", database: env.VELOCIOUS_TEST_PGSQL_DATABASE || "velocious_test"}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const {port} = server.address()

      server.close(() => resolve(port))
    })
  })
}

function start(directory, args) {
  const child = spawn(process.execPath, [binary, ...args], {cwd: directory, env: {...env, VELOCIOUS_ENV: "production"}, stdio: ["ignore", "pipe", "inherit"]})
  let output = ""

  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk
      if (/listening on|worker connected/.test(output)) resolve(child)
    })
    child.on("exit", (code) => reject(new Error(`${args[0]} exited ${code}: ${output}`)))
  })
}

async function app(dialect) {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "velocious-bench-jobs-"))
  const port = await freePort()
  const database = dialect === "sqlite" ? {type: "sqlite", name: path.join(directory, "jobs.sqlite")} : pgsql
  const options = {database: {production: {default: database}}, logging: {console: false}, backgroundJobs: {host: "127.0.0.1", port, pollIntervalMs: 200}}

  await fs.mkdir(path.join(directory, "node_modules"), {recursive: true})
  await fs.symlink(root, path.join(directory, "node_modules/velocious"), "dir")
  await fs.writeFile(path.join(directory, "package.json"), JSON.stringify({name: "bench-jobs", private: true, type: "module"}))
  await fs.mkdir(path.join(directory, "src/config"), {recursive: true})
  await fs.mkdir(path.join(directory, "src/jobs"), {recursive: true})
  await fs.writeFile(path.join(directory, "src/config/configuration.js"), `import Configuration from "velocious/build/src/configuration.js"\nexport default new Configuration(${JSON.stringify(options)})\n`)
  await fs.writeFile(path.join(directory, "src/jobs/noop-job.js"), `import VelociousJob from "velocious/build/src/background-jobs/job.js"\nexport default class NoopJob extends VelociousJob {\n  async perform() {}\n}\n`)

  const configuration = new Configuration({environment: "production", directory, ...options})

  configuration.setCurrent()
  await configuration.ensureGlobalConnections()

  return {directory, configuration}
}

async function velociousRun(dialect, {count, forked}) {
  const {directory, configuration} = await app(dialect)
  const store = JobStore.forConfiguration(configuration)

  await store.ensureTable()
  await store.delete()

  const processes = [await start(directory, ["background-jobs-main"])]

  processes.push(await start(directory, ["background-jobs-worker", "--concurrency", String(forked ? 4 : concurrency)]))
  processes.push(await start(directory, ["background-jobs-worker", "--concurrency", String(forked ? 4 : concurrency)]))

  const began = performance.now()
  let next = 0

  // A web app enqueues from many requests at once: several enqueues in flight.
  await Promise.all(Array.from({length: 16}, async () => {
    while (next < count) {
      next++
      await enqueueJob({jobName: "NoopJob", options: {forked}})
    }
  }))

  // End to end can be no faster than the enqueues themselves: shown beside it, so a run limited by the enqueuing side says so.
  const enqueueSeconds = (performance.now() - began) / 1000

  for (let polls = 0; polls < 100_000; polls++) {
    if ((await store.countsByState()).completed >= count) break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }

  const seconds = (performance.now() - began) / 1000

  for (const child of processes) child.kill("SIGTERM")
  await Promise.all(processes.map((child) => new Promise((resolve) => child.exitCode !== null ? resolve() : child.on("exit", resolve))))
  await store.delete()
  closeMainNotifier()
  await configuration.closeDatabaseConnections()
  await fs.rm(directory, {recursive: true, force: true})

  return {jobsPerSecond: count / seconds, enqueuesPerSecond: count / enqueueSeconds}
}

async function pgBossRun(count) {
  let PgBoss

  try {
    PgBoss = (await import("pg-boss")).default
  } catch {
    return undefined
  }

  const boss = new PgBoss({host: pgsql.host, port: pgsql.port, user: pgsql.username, password: pgsql.password, database: pgsql.database, schema: "velocious_bench_pgboss"})

  boss.on("error", () => undefined)
  await boss.start()
  await boss.createQueue("bench")

  let done = 0
  let finished
  const allDone = new Promise((resolve) => { finished = resolve })
  const handler = async (jobs) => {
    done += jobs.length
    if (done >= count) finished()
  }

  // Two workers, like Velocious' run; pg-boss fetches in batches and polls every 0.5 s at the fastest.
  await boss.work("bench", {batchSize: concurrency, pollingIntervalSeconds: 0.5}, handler)
  await boss.work("bench", {batchSize: concurrency, pollingIntervalSeconds: 0.5}, handler)

  const began = performance.now()
  let next = 0

  await Promise.all(Array.from({length: 16}, async () => {
    while (next < count) {
      next++
      await boss.send("bench", {})
    }
  }))

  const enqueueSeconds = (performance.now() - began) / 1000

  await allDone

  const seconds = (performance.now() - began) / 1000

  await boss.stop({graceful: false, wait: true})

  return {jobsPerSecond: count / seconds, enqueuesPerSecond: count / enqueueSeconds}
}

const rows = []
const figures = ({jobsPerSecond, enqueuesPerSecond}) => [jobsPerSecond.toFixed(0), enqueuesPerSecond.toFixed(0)]

for (const dialect of dialects) {
  rows.push([dialect, "velocious, non-forked", jobCount, ...figures(await velociousRun(dialect, {count: jobCount, forked: false}))])
  if (forkedJobCount > 0) rows.push([dialect, "velocious, forked", forkedJobCount, ...figures(await velociousRun(dialect, {count: forkedJobCount, forked: true}))])
}

if (dialects.includes("pgsql")) {
  const figure = await pgBossRun(jobCount)

  rows.push(["pgsql", "pg-boss", jobCount, ...(figure === undefined ? ["not installed", ""] : figures(figure))])
}

console.log(`Background jobs, enqueue to completed, 2 workers (non-forked: ${concurrency} slots each, forked: 4)`)
console.log(["database", "side", "jobs", "jobs/s", "enqueues/s"].join("\t"))
for (const row of rows) console.log(row.join("\t"))
console.log("Target: >= 2000 non-forked jobs/s on pgsql")
process.exit(0)
