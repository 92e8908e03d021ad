import {execFileSync} from "node:child_process"
import fs from "node:fs"
import {builtinModules} from "node:module"
import path from "node:path"
import type {Browser, Page} from "playwright-core"
// Its `declare global` types globalThis.velociousCLI in the page callbacks below.
import type {} from "velocious/build/src/cli/browser-cli.js"
import {describe, it, expect, beforeAll, afterAll} from "velocious/build/src/testing/test.js"
import {launchChromium} from "./support/chromium.js"
import {browserExampleFiles, makeReadmeBrowserApp, root, runBrowserExampleCommands} from "./support/readme-browser-app.js"
import {serveStatic} from "./support/static-server.js"

interface Metafile {
  inputs: Record<string, {imports: {path: string, external?: boolean}[]}>
}

declare global {
  // eslint-disable-next-line no-var
  var harness: any
  // eslint-disable-next-line no-var
  var unmountApp: (() => void) | undefined
}

const isNodeBuiltin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier) || builtinModules.includes(specifier.split("/")[0])

/** Node built-ins a bundle pulled in: imports esbuild saw (resolved or left external) that name one. */
function nodeBuiltinsIn(metafile: Metafile): string[] {
  return Object.values(metafile.inputs).flatMap((input) => input.imports.map((each) => each.path)).filter(isNodeBuiltin)
}

function esbuild(app: string, args: string[]): void {
  execFileSync(path.join(root, "node_modules/.bin/esbuild"), args, {cwd: app, stdio: "pipe"})
}

// Test pages of our own beside the README's: one exposes the README's model to page.evaluate,
// one mounts the README's React component.
const harnessSource = `import "./browser.js"
import configuration from "./config/configuration.browser.js"
import Task from "./models/task.js"
import {ValidationError} from "velocious/build/src/database/record/errors.js"
import Configuration from "velocious/build/src/configuration.js"

globalThis.harness = {Task, configuration, ValidationError, Configuration}
`

const reactHarnessSource = `import {createElement} from "react"
import {createRoot} from "react-dom/client"
import App from "./app.jsx"

const root = createRoot(document.querySelector("#root"))

root.render(createElement(App))
globalThis.unmountApp = () => root.unmount()
`

describe("Records in the browser (Chromium)", () => {
  let app: string
  let server: Awaited<ReturnType<typeof serveStatic>>
  let browser: Browser
  let metafile: Metafile

  beforeAll(async () => {
    app = makeReadmeBrowserApp()
    runBrowserExampleCommands(app, {extraEsbuildArgs: ["--metafile=public/assets/meta.json"]})
    metafile = JSON.parse(fs.readFileSync(path.join(app, "public/assets/meta.json"), "utf8"))

    fs.writeFileSync(path.join(app, "src/harness.js"), harnessSource)
    fs.writeFileSync(path.join(app, "src/react-harness.jsx"), reactHarnessSource)
    esbuild(app, ["src/harness.js", "--bundle", "--platform=browser", "--format=esm", "--outfile=public/assets/harness.js"])
    esbuild(app, ["src/react-harness.jsx", "--bundle", "--platform=browser", "--format=esm", "--jsx=automatic", "--outfile=public/assets/react-harness.js"])
    fs.writeFileSync(path.join(app, "public/harness.html"), "<!doctype html><div id=\"tasks\"></div><script type=\"module\" src=\"/assets/harness.js\"></script>")
    fs.writeFileSync(path.join(app, "public/react.html"), "<!doctype html><div id=\"root\"></div><script type=\"module\" src=\"/assets/react-harness.js\"></script>")

    server = await serveStatic(path.join(app, "public"))
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (app) fs.rmSync(app, {recursive: true, force: true})
  })

  async function openPage(pathname: string): Promise<{page: Page, errors: string[]}> {
    const page = await browser.newPage()
    const errors: string[] = []

    page.on("pageerror", (error) => errors.push(String(error)))
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()) })
    await page.goto(`${server.url}${pathname}`)

    return {page, errors}
  }

  it("has the README's browser examples", () => {
    expect(browserExampleFiles().map(({file}) => file)).toEqual([
      "src/models/task.js",
      "src/database/migrations/20261123120000-create-tasks.js",
      "src/config/configuration.browser.js",
      "src/browser.js",
      "src/app.jsx"
    ])
  })

  it("bundles records, queries, migrations and the sql.js driver without any Node built-in", () => {
    const inputs = Object.keys(metafile.inputs).map((input) => path.relative(root, path.resolve(app, input)))

    expect(nodeBuiltinsIn(metafile)).toEqual([])
    for (const module of ["build/src/database/record/index.js", "build/src/database/query/index.js", "build/src/database/migrator.js", "build/src/database/drivers/sqljs/index.js", "build/src/cli/browser-cli.js"]) {
      expect(inputs).toContain(module)
    }
    for (const nodeOnly of ["build/src/environment-handlers/node.js", "build/src/database/pool/async-tracked-multi-connection.js", "build/src/database/drivers/sqlite/index.js", "build/src/cli/index.js"]) {
      expect(inputs).not.toContain(nodeOnly)
    }
    // Only the browser-safe commands: none of the Node CLI's command modules, and no React without the hook.
    expect(inputs.filter((input) => input.startsWith("build/src/cli/commands/"))).toEqual([])
    expect(inputs.filter((input) => input.includes("node_modules/react"))).toEqual([])
  })

  it("finds Node built-ins when a bundle has them, so the check above can fail", () => {
    // By path, since --packages=external leaves every package import (velocious's too) unresolved.
    fs.writeFileSync(path.join(app, "src/node-entry.js"), `import NodeEnvironmentHandler from ${JSON.stringify(path.join(root, "build/src/environment-handlers/node.js"))}\nconsole.log(NodeEnvironmentHandler)\n`)
    esbuild(app, ["src/node-entry.js", "--bundle", "--platform=browser", "--format=esm", "--external:node:*", "--packages=external", "--metafile=node-meta.json", "--outfile=node-bundle.js"])

    const found = nodeBuiltinsIn(JSON.parse(fs.readFileSync(path.join(app, "node-meta.json"), "utf8")))

    expect(found).toContain("node:fs")
    expect(found).toContain("node:async_hooks")
  })

  it("runs the README's page: it migrates, creates a task per visit and keeps them in IndexedDB across reloads", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []

    page.on("pageerror", (error) => errors.push(String(error)))

    try {
      await page.goto(`${server.url}/`)
      await page.waitForFunction(() => document.querySelector("#tasks")?.textContent !== "", null, {timeout: 20000})
      expect(await page.textContent("#tasks")).toBe("Visit 1")

      // Waits until the page's writes are in IndexedDB, then reloads: a fresh page, the same storage.
      await page.evaluate(() => globalThis.velociousCLI!.configuration.close())
      await page.reload()
      await page.waitForFunction(() => document.querySelector("#tasks")?.textContent !== "", null, {timeout: 20000})
      expect(await page.textContent("#tasks")).toBe("Visit 1, Visit 2")
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it("runs the browser CLI's migration commands from globalThis.velociousCLI", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()

    try {
      await page.goto(`${server.url}/`)
      await page.waitForFunction(() => document.querySelector("#tasks")?.textContent !== "", null, {timeout: 20000})

      // page.evaluate bodies avoid named inner functions: the spec loader (tsx) would wrap them in a helper the page does not have.
      const lines = ["db:migrate", "db:migrate:status", "db:rollback", "db:migrate:status", "db:rollback --step=3", "db:migrate", "db:rollback --step 0", "db:migrat", "server", "help"]
      const outputs = await page.evaluate(async (commandLines) => {
        const outputs: {exitCode: number, output: string}[] = []

        for (const line of commandLines) {
          const {exitCode, output} = await globalThis.velociousCLI!.run(line)

          outputs.push({exitCode, output})
        }

        return outputs
      }, lines)
      const [migrateAgain, statusUp, rollback, statusDown, rollbackNothing, migrate, badStep, unknown, notInBrowser, help] = outputs
      const results = {migrateAgain, statusUp, rollback, statusDown, rollbackNothing, migrate, badStep, unknown, notInBrowser, help}

      expect(results.migrateAgain).toEqual({exitCode: 0, output: "No pending migrations\n"})
      expect(results.statusUp.output).toContain("default   up      20261123120000  create-tasks")
      expect(results.rollback).toEqual({exitCode: 0, output: "Rolled back 20261123120000-create-tasks (default)\n"})
      expect(results.statusDown.output).toContain("default   down    20261123120000  create-tasks")
      expect(results.rollbackNothing).toEqual({exitCode: 0, output: "No migrations to roll back\n"})
      expect(results.migrate).toEqual({exitCode: 0, output: "Migrated 20261123120000-create-tasks (default)\n"})
      expect(results.badStep).toEqual({exitCode: 2, output: "--step must be a whole number of 1 or more, got \"0\"\n"})
      expect(results.unknown.exitCode).toBe(2)
      expect(results.unknown.output).toContain("Did you mean db:migrate?")
      expect(results.notInBrowser.output).toContain("In the browser: db:migrate, db:rollback, db:migrate:status")
      expect(results.help.output).toContain("db:migrate:status")
    } finally {
      await context.close()
    }
  })

  it("uses records, queries, validations and transactions in the page as under Node", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()

    try {
      await page.goto(`${server.url}/harness.html`)
      await page.waitForFunction(() => document.querySelector("#tasks")?.textContent !== "", null, {timeout: 20000})

      const results = await page.evaluate(async () => {
        const {Task, ValidationError, configuration} = globalThis.harness
        const connection = configuration.getDatabasePool().getCurrentConnection()
        const first = await Task.create({name: "Write specs"})

        await Task.create({name: "Ship it", done: true})
        await first.update({name: "Write more specs"})

        const invalid = await Task.create({name: ""}).then(() => "saved", (error: Error) => `${error instanceof ValidationError} ${error.message}`)
        const missing = await Task.find(999999).then(() => "found", (error: Error) => error.message)
        const rolledBack = await Task.transaction(async () => {
          await Task.create({name: "Never kept"})
          throw new Error("undo")
        }).catch((error: Error) => error.message)

        // Saving exports the database, which resets sql.js's pragmas; the driver switches foreign keys back on.
        await connection.persist()

        const foreignKeysAfterSave = (await connection.query("PRAGMA foreign_keys"))[0].foreign_keys

        return {
          // A configuration given no handler gets the browser one in a bundle (package.json's browser field).
          defaultHandler: new globalThis.harness.Configuration({}).getEnvironmentHandler().getName(),
          foreignKeysAfterSave,
          open: (await Task.where({done: false}).order("id").toArray()).map((task: any) => task.name()),
          done: await Task.where({done: true}).pluck("name"),
          doneValue: (await Task.findBy({name: "Ship it"})).done(),
          count: await Task.count(),
          reloadedName: (await Task.find(first.id())).name(),
          invalid,
          missing,
          rolledBack,
          neverKept: await Task.where({name: "Never kept"}).count(),
          bound: await Task.where("tasks.name = ?", "'); DROP TABLE tasks; --").count()
        }
      })

      expect(results.defaultHandler).toBe("browser")
      expect(results.foreignKeysAfterSave).toBe(1)
      expect(results.open).toEqual(["Visit 1", "Write more specs"])
      expect(results.done).toEqual(["Ship it"])
      expect(results.doneValue).toBe(true)
      expect(results.count).toBe(3)
      expect(results.reloadedName).toBe("Write more specs")
      expect(results.invalid).toMatch(/^true .*Name can't be blank/)
      expect(results.missing).toBe("Couldn't find Task with 'id'=999999")
      expect(results.rolledBack).toBe("undo")
      expect(results.neverKept).toBe(0)
      expect(results.bound).toBe(0)
    } finally {
      await context.close()
    }
  })

  it("sets globalThis.velociousCLI from the React hook while the component is mounted", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []

    page.on("pageerror", (error) => errors.push(String(error)))

    try {
      await page.goto(`${server.url}/react.html`)
      await page.waitForFunction(() => Boolean(globalThis.velociousCLI), null, {timeout: 20000})

      const migrated = await page.evaluate(async () => (await globalThis.velociousCLI!.run("db:migrate")).output)

      expect(migrated).toBe("Migrated 20261123120000-create-tasks (default)\n")
      await page.evaluate(() => globalThis.unmountApp!())
      expect(await page.evaluate(() => globalThis.velociousCLI === undefined)).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
