import assert from "node:assert/strict"
import {spawn} from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {after, before, describe, it} from "node:test"
import {bin, freePort, root, velocious} from "./helpers.mjs"

// The README's "Web security" app as written: its marked blocks become the files of a throwaway
// app, its request spec runs with `velocious test`, and a development server (CSRF on) answers
// what the README says it answers.
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")

function exampleFiles() {
  return [...readme.matchAll(/<!-- readme-security: (\S+) -->\n```\w+\n([\s\S]*?)```/g)].map((match) => ({file: match[1], source: match[2]}))
}

// Keys of this test on the shared Redis server.
const redisPrefix = `h3:readme-security:${process.pid}:${Date.now()}:`

async function startServer(app, env) {
  const port = await freePort()
  const child = spawn(process.execPath, [bin, "server", "--port", String(port)], {cwd: app, env: {...process.env, VELOCIOUS_ENV: "development", NODE_ENV: "", ...env}, stdio: ["ignore", "pipe", "pipe"]})
  let output = ""

  child.stdout.on("data", (chunk) => { output += chunk })
  child.stderr.on("data", (chunk) => { output += chunk })

  const deadline = Date.now() + 30_000

  while (!/listening on http/.test(output)) {
    if (child.exitCode !== null) assert.fail(`the server exited before listening:\n${output}`)
    if (Date.now() > deadline) assert.fail(`the server did not listen within 30 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      const exited = child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", resolve))

      child.kill("SIGTERM")
      assert.equal(await exited, 0, output)
    }
  }
}

/** A browser's cookie jar over fetch. */
function browser(baseUrl) {
  const cookies = new Map()

  return async (method, urlPath, {body, headers = {}} = {}) => {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ")
    const response = await fetch(`${baseUrl}${urlPath}`, {method, body, redirect: "manual", headers: cookie ? {cookie, ...headers} : headers})

    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(";")
      const separator = pair.indexOf("=")

      cookies.set(pair.slice(0, separator), pair.slice(separator + 1))
    }

    return {status: response.status, headers: response.headers, text: await response.text()}
  }
}

const token = (html) => /name="authenticity_token" value="([^"]+)"/.exec(html)?.[1]
const form = {"content-type": "application/x-www-form-urlencoded"}

describe("README web security example", () => {
  let app

  before(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-readme-security-"))
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({name: "readme-security-app", type: "module", private: true}))
    fs.mkdirSync(path.join(app, "node_modules"))
    fs.symlinkSync(root, path.join(app, "node_modules/velocious"), "dir")

    for (const {file, source} of exampleFiles()) {
      fs.mkdirSync(path.dirname(path.join(app, file)), {recursive: true})
      fs.writeFileSync(path.join(app, file), source)
    }
  })

  after(() => fs.rmSync(app, {recursive: true, force: true}))

  it("has the marked files", () => {
    assert.deepEqual(exampleFiles().map(({file}) => file), [
      "src/config/configuration.js", "src/config/routes.js", "src/routes/sessions/controller.js", "src/routes/tasks/controller.js",
      "src/routes/tasks/new.ejs", "src/routes/webhooks/controller.js", "spec/tasks-spec.js"
    ])
  })

  it("runs its request spec: form posts without a token pass in the test environment", () => {
    const {status, stdout, stderr} = velocious(["test"], {cwd: app})

    // The app logs requests to the console (no logging option): the runner writes those buffered
    // lines out before its summary, so the summary is still the last line.
    assert.match(stdout, /\[info\] HttpServer: .*"method":"POST"/, stdout + stderr)
    assert.equal(stdout.trimEnd().split("\n").at(-1), "1 passed, 0 failed", stdout + stderr)
    assert.equal(status, 0)
  })

  it("serves it in development as documented", {timeout: 120_000}, async () => {
    const server = await startServer(app, {REDIS_URL: "redis://127.0.0.1:6379", RATE_LIMIT_PREFIX: redisPrefix})

    try {
      const visit = browser(server.baseUrl)
      const page = await visit("GET", "/tasks/new")

      assert.equal(page.status, 200)
      assert.match(page.text, /<meta name="csrf-token" content="[A-Za-z0-9_-]+" \/>/)
      assert.equal(page.headers.get("x-frame-options"), "SAMEORIGIN")
      assert.equal(page.headers.get("x-content-type-options"), "nosniff")
      assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin")
      assert.equal(page.headers.get("content-security-policy"), "default-src 'self'")
      assert.match(page.headers.get("set-cookie"), /^_myapp_session=v1\.[^;]+; Path=\/; Max-Age=1209600; HttpOnly; SameSite=Lax$/)

      // The login form without its token is refused; with it, the user is signed in.
      assert.equal((await visit("POST", "/session", {body: "email=ada%40example.com&password=secret", headers: form})).status, 422)

      const login = await visit("POST", "/session", {body: `email=ada%40example.com&password=secret&authenticity_token=${encodeURIComponent(token(page.text))}`, headers: form})

      assert.equal(login.status, 302)
      assert.equal(login.headers.get("location"), "/tasks/new")

      // clear() on login gave the session a new token: the old page's one is no longer valid.
      assert.equal((await visit("POST", "/tasks", {body: `task[name]=Old&authenticity_token=${encodeURIComponent(token(page.text))}`, headers: form})).status, 422)

      const signedIn = await visit("GET", "/tasks/new")

      assert.match(signedIn.text, /Signed in as ada@example.com/)

      const created = await visit("POST", "/tasks", {body: `task[name]=Write+docs&authenticity_token=${encodeURIComponent(token(signedIn.text))}`, headers: form})

      assert.equal(created.status, 201, created.text)
      assert.deepEqual(JSON.parse(created.text), {created: {name: "Write docs"}, by: "ada@example.com"})

      const meta = /<meta name="csrf-token" content="([^"]+)"/.exec(signedIn.text)[1]

      assert.equal((await visit("POST", "/tasks", {body: "task[name]=Script", headers: {...form, "x-csrf-token": meta}})).status, 201)
      // JSON, cookie-less and skipForgeryProtection requests need no token.
      assert.equal((await visit("POST", "/tasks", {body: JSON.stringify({task: {name: "Api"}}), headers: {"content-type": "application/json"}})).status, 201)
      assert.equal((await fetch(`${server.baseUrl}/tasks`, {method: "POST", body: "task[name]=Anon", headers: form})).status, 201)
      assert.equal((await visit("POST", "/webhooks", {body: "event=paid", headers: form})).status, 200)

      // CORS
      const preflight = await fetch(`${server.baseUrl}/tasks`, {method: "OPTIONS", headers: {origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "content-type"}})

      assert.equal(preflight.status, 204)
      assert.equal(preflight.headers.get("access-control-allow-origin"), "https://app.example.com")
      assert.equal(preflight.headers.get("access-control-allow-credentials"), "true")
      assert.equal((await fetch(`${server.baseUrl}/tasks`, {method: "OPTIONS", headers: {origin: "https://evil.example", "access-control-request-method": "POST"}})).status, 403)

      // Rate limit, counted in Redis under the configured prefix.
      const attempts = []

      for (let index = 0; index < 6; index++) {
        attempts.push((await fetch(`${server.baseUrl}/session`, {method: "POST", body: JSON.stringify({email: "eve@example.com", password: "guess"}), headers: {"content-type": "application/json", accept: "application/json"}})).status)
      }

      assert.deepEqual(attempts, [401, 401, 401, 401, 401, 429])

      const {Redis} = await import("ioredis")
      const redis = new Redis("redis://127.0.0.1:6379")

      try {
        const keys = await redis.keys(`${redisPrefix}*`)

        // ada's one login counted too; the 422 (refused before any callback) did not.
        assert.deepEqual(keys.sort(), [`${redisPrefix}rate-limit:sessions:ada@example.com`, `${redisPrefix}rate-limit:sessions:eve@example.com`])
        assert.deepEqual([await redis.get(keys[0]), await redis.get(keys[1])], ["1", "6"])
        await redis.del(...keys)
      } finally {
        redis.disconnect()
      }

      // Health check and request ids in JSON log lines.
      const up = await fetch(`${server.baseUrl}/up`, {headers: {"x-request-id": "readme-check-1"}})

      assert.equal(up.status, 200)
      assert.equal(up.headers.get("x-request-id"), "readme-check-1")
      await new Promise((resolve) => setTimeout(resolve, 300))

      const logLine = server.output().split("\n").find((line) => line.includes("\"requestId\":\"readme-check-1\""))

      assert.ok(logLine, server.output())
      assert.deepEqual(JSON.parse(logLine.slice(logLine.indexOf("{"))), {...JSON.parse(logLine.slice(logLine.indexOf("{"))), event: "request", method: "GET", path: "/up", status: 200})
    } finally {
      await server.stop()
    }
  })
})
