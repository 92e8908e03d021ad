import path from "node:path"
import {afterEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {answered, errorCount, startLoad} from "./support/load.js"
import {spawnUntilListening, type ServerProcess} from "./support/server-process.js"
import {writeTasksApp} from "./support/tasks-app.js"
import {packageRoot, TempApp} from "./support/temp-app.js"

const binary = path.join(packageRoot, "build/bin/velocious.js")
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function servingPids(port: number, attempts: number): Promise<Set<number>> {
  const pids = new Set<number>()

  for (let attempt = 0; attempt < attempts; attempt++) {
    const response = await request(port, "GET", "/pid", {timeoutMs: 5000}).catch(() => undefined)

    if (response?.status === 200) pids.add(JSON.parse(response.body).pid)
  }

  return pids
}

describe("HTTP cluster under load: SIGTERM and a crashing worker", {timeoutSeconds: 90}, () => {
  let app: TempApp | undefined
  let server: ServerProcess | undefined

  const start = async (workers = 2) => {
    app = new TempApp("http-cluster-faults")
    writeTasksApp(app)
    server = await spawnUntilListening([binary, "server", "--port", "0", "--workers", String(workers)], {cwd: app.directory})

    return server
  }

  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGKILL")
      await server.exited
    }
    app?.remove()
    app = undefined
    server = undefined
  })

  for (const workers of [1, 2]) it(`answers every request in flight when SIGTERM arrives under load, then exits 0 (${workers === 1 ? "one process" : "2 workers"})`, async () => {
    const {child, port, exited} = await start(workers)
    const load = startLoad({port, path: "/slow-tasks?ms=300", connections: 50})

    await delay(1200)

    // No request is sent after the signal: every one the load still waits for was in flight.
    const stopping = load.stop()
    const inFlight = load.inFlight()

    child.kill("SIGTERM")

    const counts = await stopping

    console.log(`SIGTERM under load, ${workers} worker(s): ${inFlight} requests in flight at the signal, ${answered(counts, 200)} of ${counts.total} answered 200, ${errorCount(counts)} failed`)
    expect(inFlight).toBeGreaterThan(0)
    expect(errorCount(counts)).toBe(0)
    expect(counts.statuses).toEqual({200: counts.total})
    expect(await exited).toBe(0)
  })

  it("respawns a worker killed under load while the other keeps serving", async () => {
    const {port} = await start()
    const load = startLoad({port, path: "/tasks", connections: 20})
    const before = await servingPids(port, 40)

    expect(before.size).toBe(2)

    const [victim] = before

    process.kill(victim, "SIGKILL")

    const atKill = answered(load.counts, 200)

    await delay(1000)

    const servedSince = answered(load.counts, 200) - atKill
    let after = new Set<number>()

    for (let attempt = 0; attempt < 50 && (after.size < 2 || after.has(victim)); attempt++) {
      after = await servingPids(port, 20)
      if (after.size < 2 || after.has(victim)) await delay(100)
    }

    const counts = await load.stop()

    console.log(`worker crash under load: ${servedSince} requests answered 200 in the second after the kill, ${errorCount(counts)} lost with the killed worker, ${answered(counts, 200)} answered 200 in all`)
    // The other worker kept answering while the primary started a new one.
    expect(servedSince).toBeGreaterThan(50)
    expect(after.size).toBe(2)
    expect(after.has(victim)).toBe(false)
    // Only requests the killed worker held can be lost: at most one per connection.
    expect(errorCount(counts)).toBeLessThanOrEqual(20)
    expect(Object.keys(counts.statuses)).toEqual(["200"])
    expect((await request(port, "GET", "/tasks")).status).toBe(200)
  })
})
