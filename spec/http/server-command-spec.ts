import {spawn, type ChildProcess} from "node:child_process"
import path from "node:path"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {packageRoot, TempApp} from "./support/temp-app.js"

function startServer(app: TempApp, args: string[]): Promise<{child: ChildProcess, port: number, output: () => string, exited: Promise<number | null>}> {
  const child = spawn(process.execPath, [path.join(packageRoot, "build/bin/velocious.js"), "server", ...args], {cwd: app.directory, env: {...process.env, VELOCIOUS_ENV: "test"}})
  let output = ""
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))

  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()

      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output)

      if (match) resolve({child, port: Number(match[1]), output: () => output, exited})
    }

    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    exited.then((code) => reject(new Error(`velocious server exited with ${code} before listening: ${output}`)))
  })
}

describe("velocious server and velocious routes", {timeoutSeconds: 60}, () => {
  let app: TempApp

  beforeAll(() => {
    app = new TempApp("server-command")
    writeServerApp(app)
  })

  afterAll(() => {
    app?.remove()
  })

  it("serves the app and, on SIGTERM, finishes in-flight requests before exiting 0", async () => {
    const {child, port, output, exited} = await startServer(app, ["--host", "127.0.0.1", "--port", "0"])

    try {
      expect((await request(port, "GET", "/ping")).status).toEqual(200)

      const slow = request(port, "GET", "/testing/slow?ms=400")

      await new Promise((resolve) => setTimeout(resolve, 100))
      child.kill("SIGTERM")

      const response = await slow

      expect(response.status).toEqual(200)
      expect(JSON.parse(response.body)).toEqual({slept: true})
      expect(await exited).toEqual(0)
      expect(output()).toContain("SIGTERM: finishing in-flight requests")
      expect(output()).toContain("Stopped")
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL")
    }
  })

  it("prints the route table", async () => {
    const {code, stdout} = await app.run(["routes"])

    expect(code).toEqual(0)
    expect(stdout).toMatch(/^Method\s+Path\s+Controller\s+Action\n/)
    expect(stdout).toMatch(/\nGET\s+\/projects\/:id\s+projects\s+show\n/)
    expect(stdout).toMatch(/\nPOST\s+\/testing\/truncate\s+testing\s+truncate\n/)
    expect(stdout).toMatch(/\nGET\s+\/ping\s+_root\s+ping\n/)
  })
})
