import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {formatAbuseCounts, runAbuse} from "./support/abuse-inputs.js"
import {request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {spawnUntilListening, type ServerProcess} from "./support/server-process.js"
import {lines, packageRoot, TempApp} from "./support/temp-app.js"

// CI sends a bounded sample; `npm run hardening:abuse` sends the full 100,000 (README, Hardening).
const inputs = Number(process.env.VELOCIOUS_ABUSE_INPUTS || 3000)
const seed = Number(process.env.VELOCIOUS_ABUSE_SEED || 19)

describe("HTTP abuse suite", {timeoutSeconds: Math.max(120, Math.ceil(inputs / 50))}, () => {
  let app: TempApp
  let server: ServerProcess

  beforeAll(async () => {
    app = new TempApp("http-abuse")
    writeServerApp(app)
    // The server in a process of its own: a crash shows as that process exiting, not as this runner dying.
    app.write("serve.mjs", lines(
      `import HttpServer from ${JSON.stringify(path.join(packageRoot, "build/src/http-server/http-server.js"))}`,
      `import {loadAppRoutes} from ${JSON.stringify(path.join(packageRoot, "build/src/http-server/load-app-routes.js"))}`,
      "const configuration = (await import(\"./src/config/configuration.js\")).default",
      "await configuration.initialize()",
      "const server = new HttpServer({configuration, routes: await loadAppRoutes(process.cwd()), port: 0, headersTimeoutMs: 1500, maxBodyBytes: 256 * 1024})",
      "const {port} = await server.start()",
      "console.log(`listening on http://127.0.0.1:${port}`)",
      "process.on(\"SIGTERM\", async () => { await server.stop(); process.exit(0) })"
    ))
    server = await spawnUntilListening([path.join(app.directory, "serve.mjs")], {cwd: app.directory})
  })

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM")
      await server.exited
    }
    app?.remove()
  })

  it(`answers ${inputs} malformed, oversized, smuggling, slow and truncated requests with a 4xx or a close, and keeps serving`, async () => {
    const counts = await runAbuse({
      port: server.port,
      inputs,
      seed,
      healthEvery: Math.max(100, Math.floor(inputs / 50)),
      healthCheck: async () => (await request(server.port, "GET", "/ping", {timeoutMs: 5000})).status === 200,
      alive: () => server.child.exitCode === null
    })

    console.log(formatAbuseCounts(counts))

    const described = counts.failures.slice(0, 5).map((failure) => `${failure.input.category} ${JSON.stringify(failure.input.chunks.filter((chunk) => typeof chunk === "string").join("").slice(0, 300))} -> ${failure.outcome} ${failure.statuses.join(",")}`)

    expect(described).toEqual([])
    // What node's parser found wrong, said the way node's own default would: 431 for headers over
    // the 16 KB limit, 408 for headers that never finished in time, 400 for the rest.
    expect(Object.keys(counts.statusesByCategory["huge-headers"] ?? {})).toEqual(["431"])
    expect(Object.keys(counts.statusesByCategory.slowloris ?? {})).toEqual(["408"])
    expect(counts.inputs).toBe(inputs)
    expect(counts.healthFailures).toBe(0)
    expect(server.child.exitCode).toBe(null)
    expect(server.output()).not.toMatch(/Uncaught|TypeError|RangeError/)
    expect((await request(server.port, "GET", "/ping")).status).toBe(200)
  })
})
