import path from "node:path"
import {build} from "esbuild"
import {chromium, type Browser} from "playwright-core"
import {afterAll, beforeAll, beforeEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import {testDatabases} from "../database/support/test-databases.js"
import {lines} from "../http/support/temp-app.js"
import {seedFrontendData, type Seeded} from "./support/frontend-app.js"
import {startFrontendServer, type FrontendServer} from "./support/server.js"

// Debian's Chromium; never a downloaded browser.
const chromiumPath = process.env.VELOCIOUS_CHROMIUM_PATH || "/usr/bin/chromium"
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

/** The page script: the generated models over fetch, then over WebsocketClient, as a browser app would use them. */
const pageScript = lines(
  "import WebsocketClient from \"velocious/build/src/http-client/websocket-client.js\"",
  "import {configureFrontendModels} from \"velocious/build/src/frontend-models/base-frontend-model.js\"",
  "import Project from \"../frontend-models/project.js\"",
  "import Task from \"../frontend-models/task.js\"",
  "import User from \"../frontend-models/user.js\"",
  "",
  "const search = new URLSearchParams(location.search)",
  "const ids = Object.fromEntries([...search].map(([key, value]) => [key, Number(value)]))",
  "const headers = {\"x-user-id\": String(ids.user)}",
  "const errorType = async (promise) => { try { await promise; return \"none\" } catch (error) { return error.errorType } }",
  "",
  "window.runFrontendModels = async () => {",
  "  configureFrontendModels({headers})",
  "",
  "  const user = await User.find(ids.user)",
  "  await user.update({name: `${user.name()} (browser)`})",
  "  const projects = await Project.where({}).order({name: \"asc\"}).toArray()",
  "  const tasks = await Task.where({project: {userId: ids.user}}).order(\"name\").preload(\"project\").toArray()",
  "  const deniedFind = await errorType(User.find(ids.other))",
  "  const deniedUpdate = await errorType(User.runCommand(\"update\", {id: ids.other, attributes: {name: \"Hacked\"}}))",
  "  const unlisted = await errorType(User.runCommand(\"update\", {id: ids.user, attributes: {passwordDigest: \"hacked\"}}))",
  "",
  "  const client = new WebsocketClient({url: `ws://${location.host}/websocket`, reconnect: false})",
  "  await client.connect()",
  "  configureFrontendModels({websocketClient: client, headers})",
  "  const socketCount = await Project.count()",
  "  const socketDenied = await errorType(Task.find(ids.otherTask))",
  "  await client.close()",
  "",
  "  return {",
  "    name: user.name(),",
  "    projectNames: projects.map((project) => project.name()),",
  "    tasks: tasks.map((task) => [task.name(), task.project().name()]),",
  "    deniedFind, deniedUpdate, unlisted, socketCount, socketDenied,",
  "    isBrowser: typeof process === \"undefined\" && typeof navigator.userAgent === \"string\"",
  "  }",
  "}"
)

for (const {dialect, config, skip} of testDatabases) {
  describe(`frontend models in Chromium - ${dialect}`, {skip}, () => {
    let started: FrontendServer
    let browser: Browser
    let seeded: Seeded

    beforeAll(async () => {
      started = await startFrontendServer(dialect, config)
      started.app.write("src/browser/main.js", pageScript)
      await build({
        entryPoints: [path.join(started.app.directory, "src/browser/main.js")],
        outfile: path.join(started.app.directory, "public/bundle.js"),
        bundle: true,
        platform: "browser",
        format: "iife",
        logLevel: "silent"
      })
      browser = await chromium.launch({executablePath: chromiumPath, args: chromiumArgs})
    })

    afterAll(async () => {
      await browser?.close()
      await started?.stop()
    })

    beforeEach(async () => {
      seeded = await seedFrontendData(started.db)
    })

    it("runs the generated models from an esbuild bundle against the server, within the ability", async () => {
      const page = await browser.newPage()

      try {
        await page.goto(`http://127.0.0.1:${started.port}/page?user=${seeded.bob}&other=${seeded.alice}&otherTask=${seeded.aliceTask}`)

        const result = await page.evaluate(() => (window as unknown as {runFrontendModels: () => Promise<unknown>}).runFrontendModels())

        expect(result).toEqual({
          name: "Bob (browser)",
          projectNames: ["Alice public", "Bob private"],
          tasks: [["Bob task", "Bob private"]],
          deniedFind: "RecordNotFoundError",
          deniedUpdate: "RecordNotFoundError",
          unlisted: "UnpermittedAttributeError",
          socketCount: 2,
          socketDenied: "RecordNotFoundError",
          isBrowser: true
        })

        const rows = await started.db.query<{id: unknown, name: string, password_digest: string}>("SELECT id, name, password_digest FROM fm_users ORDER BY id")

        expect(rows.map((row) => [row.name, row.password_digest])).toEqual([["Alice", "alice-secret"], ["Bob (browser)", "bob-secret"]])
      } finally {
        await page.close()
      }
    })
  })
}
