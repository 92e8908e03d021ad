import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {resolveWorkerCount, WorkerCountError} from "velocious/build/src/http-server/cluster/worker-count.js"
import {workerExecArgv, workerPolymorphicMapCount, workerSemiSpaceMb} from "velocious/build/src/http-server/cluster/worker-exec-argv.js"
import os from "node:os"
import {request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {spawnUntilListening} from "./support/server-process.js"
import {packageRoot, TempApp} from "./support/temp-app.js"

const binary = path.join(packageRoot, "build/bin/velocious.js")

async function pidsAnswering(port: number, wanted: number, maxAttempts: number, timeoutMs = 10_000): Promise<Set<number>> {
  const pids = new Set<number>()

  for (let attempt = 0; attempt < maxAttempts && pids.size < wanted; attempt++) {
    const response = await request(port, "GET", "/pid", {timeoutMs})

    expect(response.status).toEqual(200)
    pids.add(JSON.parse(response.body).pid)
  }

  return pids
}

describe("velocious server --workers", {timeoutSeconds: 60}, () => {
  let app: TempApp

  beforeAll(() => {
    app = new TempApp("server-workers")
    writeServerApp(app)
  })

  afterAll(() => {
    app?.remove()
  })

  it("defaults to one worker per core in production and 1 otherwise", () => {
    expect(resolveWorkerCount(undefined, "production")).toEqual(os.availableParallelism())
    expect(resolveWorkerCount(undefined, "development")).toEqual(1)
    expect(resolveWorkerCount(undefined, "test")).toEqual(1)
    expect(resolveWorkerCount(3, "test")).toEqual(3)
    expect(() => resolveWorkerCount(0, "test")).toThrow(WorkerCountError)
  })

  it("starts workers with the young generation sized for serving and room for more shapes per inline cache, unless node's flags set them already", () => {
    const shapes = `--max-valid-polymorphic-map-count=${workerPolymorphicMapCount}`

    expect(workerExecArgv(["--enable-source-maps"])).toEqual(["--enable-source-maps", `--min-semi-space-size=${workerSemiSpaceMb}`, shapes])
    expect(workerExecArgv(["--max-semi-space-size=2"])).toEqual(["--max-semi-space-size=2", shapes])
    expect(workerExecArgv(["--min_semi_space_size=4"])).toEqual(["--min_semi_space_size=4", shapes])
    expect(workerExecArgv(["--semi-space-growth-factor=3"])).toEqual(["--semi-space-growth-factor=3", shapes])
    expect(workerExecArgv(["--max_valid_polymorphic_map_count=2"])).toEqual(["--max_valid_polymorphic_map_count=2", `--min-semi-space-size=${workerSemiSpaceMb}`])
  })

  it("in production runs even one worker under a supervising primary, started with those flags", async () => {
    const server = await spawnUntilListening([binary, "server", "--port", "0", "--workers", "1"], {cwd: app.directory, env: {VELOCIOUS_ENV: "production"}})

    try {
      expect(server.output()).toContain("1 worker, primary pid")

      const response = await request(server.port, "GET", "/pid")
      const {pid, execArgv} = JSON.parse(response.body)

      expect(pid).not.toEqual(server.child.pid)
      expect(execArgv).toContain(`--min-semi-space-size=${workerSemiSpaceMb}`)
      expect(execArgv).toContain(`--max-valid-polymorphic-map-count=${workerPolymorphicMapCount}`)

      server.child.kill("SIGTERM")
      expect(await server.exited).toEqual(0)
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL")
    }
  })

  it("serves from 2 processes sharing the port, and exits 0 after SIGTERM", async () => {
    const server = await spawnUntilListening([binary, "server", "--port", "0", "--workers", "2"], {cwd: app.directory})

    try {
      expect(server.output()).toContain("2 workers")

      const pids = await pidsAnswering(server.port, 2, 50)

      expect(pids.size).toEqual(2)
      expect(pids.has(server.child.pid as number)).toBe(false)

      const slow = request(server.port, "GET", "/testing/slow?ms=400")

      await new Promise((resolve) => setTimeout(resolve, 100))
      server.child.kill("SIGTERM")

      expect((await slow).status).toEqual(200)
      expect(await server.exited).toEqual(0)
      expect(server.output()).toContain("Stopped")
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL")
    }
  })

  it("restarts a worker that crashes", async () => {
    const server = await spawnUntilListening([binary, "server", "--port", "0", "--workers", "2"], {cwd: app.directory})

    try {
      const before = await pidsAnswering(server.port, 2, 50)
      const [victim] = before

      process.kill(victim, "SIGKILL")
      // A connection handed to the victim just before it died is lost with it: give the primary a moment to notice.
      await new Promise((resolve) => setTimeout(resolve, 300))

      let replaced = new Set<number>()

      for (let attempt = 0; attempt < 50; attempt++) {
        replaced = await pidsAnswering(server.port, 2, 20, 2000).catch(() => new Set<number>())
        if (replaced.size === 2 && !replaced.has(victim)) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }

      expect(replaced.size).toEqual(2)
      expect(replaced.has(victim)).toBe(false)

      server.child.kill("SIGTERM")
      expect(await server.exited).toEqual(0)
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL")
    }
  })
})
