import fs from "node:fs"
import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {answered, errorCount, startLoad} from "./support/load.js"
import {spawnUntilListening, type ServerProcess} from "./support/server-process.js"
import {writeTasksApp} from "./support/tasks-app.js"
import {packageRoot, TempApp} from "./support/temp-app.js"

// CI soaks for 10 s; `npm run hardening:soak` runs the full 60 s (README, Hardening).
const seconds = Number(process.env.VELOCIOUS_SOAK_SECONDS || 10)
const connections = Number(process.env.VELOCIOUS_SOAK_CONNECTIONS || 50)
const binary = path.join(packageRoot, "build/bin/velocious.js")
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))

  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN
}

describe("soak: the 20-row route under steady load", {timeoutSeconds: seconds + 90}, () => {
  let app: TempApp
  let server: ServerProcess

  beforeAll(async () => {
    app = new TempApp("http-soak")
    writeTasksApp(app)
    // As in production (and bench:http): a supervising primary and a worker started with the
    // young generation at its serving size, so RSS shows the app's memory, not V8 growing it.
    server = await spawnUntilListening([binary, "server", "--port", "0", "--workers", "1"], {cwd: app.directory, env: {VELOCIOUS_ENV: "production"}})
  })

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM")
      await server.exited
    }
    app?.remove()
  })

  it(`serves ${connections} keep-alive connections for ${seconds} s without an error, with RSS flat`, async () => {
    const first = await request(server.port, "GET", "/tasks")

    expect(first.status).toBe(200)
    expect(JSON.parse(first.body).length).toBe(20)

    const pid = JSON.parse((await request(server.port, "GET", "/pid")).body).pid as number
    const samples: {second: number, rssMb: number, requests: number}[] = [{second: 0, rssMb: rssMb(pid), requests: 0}]
    const load = startLoad({port: server.port, path: "/tasks", connections})
    const every = Math.max(1, Math.round(seconds / 12))

    for (let second = every; second <= seconds; second += every) {
      await delay(every * 1000)
      samples.push({second, rssMb: rssMb(pid), requests: load.counts.total})
    }

    const counts = await load.stop()
    const ok = answered(counts, 200)

    console.log(`soak: ${seconds} s, ${connections} connections, ${ok} requests answered 200 (${Math.round(ok / seconds)}/s), ${counts.total - ok} not`)
    console.log(`RSS over time (MB): ${samples.map((sample) => `${sample.second}s=${sample.rssMb}`).join(" ")}`)

    expect(counts.statuses).toEqual({200: ok})
    expect(errorCount(counts)).toBe(0)
    expect(ok).toBeGreaterThan(0)
    expect(server.child.exitCode).toBe(null)

    // Flat: after the first quarter (heap and caches warmed up), RSS may wobble with the garbage
    // collector but must not keep climbing. A leak of even 1 KB per request would be far past this.
    const warm = samples[Math.max(1, Math.floor(samples.length / 4))].rssMb
    const last = samples[samples.length - 1].rssMb

    expect(last).toBeLessThan(warm * 1.3 + 20)
  })
})
