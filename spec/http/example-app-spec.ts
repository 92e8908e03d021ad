import path from "node:path"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {spawnUntilListening} from "./support/server-process.js"
import {packageRoot} from "./support/temp-app.js"

// What `npm start` does (example/start.mjs: db:create, db:migrate, server), on a free port and
// in production (so with the default of one worker per core), then SIGTERM.
describe("the example app (npm start)", {timeoutSeconds: 90}, () => {
  it("creates and migrates its database, serves /projects, and exits 0 on SIGTERM", async () => {
    const server = await spawnUntilListening([path.join(packageRoot, "example/start.mjs"), "--port", "0"], {
      cwd: packageRoot,
      env: {VELOCIOUS_ENV: "production", VELOCIOUS_SKIP_BUILD: "1"},
      timeoutMs: 60_000
    })

    try {
      const json = await request(server.port, "GET", "/projects", {headers: {accept: "application/json"}})

      expect(json.status).toEqual(200)
      expect(Array.isArray(JSON.parse(json.body).projects)).toBe(true)

      const html = await request(server.port, "GET", "/projects", {headers: {accept: "text/html"}})

      expect(html.status).toEqual(200)
      expect(html.body).toContain("<h1>Projects</h1>")

      server.child.kill("SIGTERM")
      expect(await server.exited).toEqual(0)
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL")
    }
  })
})
