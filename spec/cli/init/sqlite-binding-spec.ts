import fs from "node:fs"
import path from "node:path"
import {afterAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {bindingFailureSummary, isNativeBindingFailure} from "velocious/build/src/database/drivers/sqlite/load-better-sqlite3.js"
import {runInProcess, runVelocious, tempFolder} from "./support/init-app.js"

/**
 * An app whose better-sqlite3 is a stand-in that fails like an unbuilt native binding until its
 * install script has run, so `npm rebuild better-sqlite3` is exercised in seconds and offline.
 * velocious is a bare package.json, not a link to this checkout: npm rebuild would otherwise
 * rebuild this checkout's real better-sqlite3 too.
 */
function appWithUnbuiltBinding(prefix: string, {installScript}: {installScript: boolean}): string {
  const app = tempFolder(prefix)
  const fake = path.join(app, "node_modules/better-sqlite3")

  fs.mkdirSync(fake, {recursive: true})
  fs.mkdirSync(path.join(app, "node_modules/velocious"))
  fs.writeFileSync(path.join(app, "node_modules/velocious/package.json"), JSON.stringify({name: "velocious", version: "0.0.0"}))
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({name: prefix, dependencies: {"better-sqlite3": "12.0.0", velocious: "0.0.0"}}))
  fs.writeFileSync(path.join(fake, "package.json"), JSON.stringify({
    name: "better-sqlite3",
    version: "12.0.0",
    main: "index.js",
    scripts: installScript ? {install: "node -e \"require('fs').writeFileSync('built', '')\""} : {}
  }))
  fs.writeFileSync(path.join(fake, "index.js"), [
    `const fs = require("fs")`,
    `const path = require("path")`,
    `module.exports = class Database {`,
    `  constructor() { if (!fs.existsSync(path.join(__dirname, "built"))) throw new Error("Could not locate the bindings file. Tried:\\n → build/better_sqlite3.node") }`,
    `  close() {}`,
    `}`,
    ``
  ].join("\n"))

  return app
}

/** A --require preload that makes loading better-sqlite3 (or its binding) fail in the CLI's own process. */
function preload(directory: string, failure: "binding" | "package"): string {
  const file = path.join(directory, `fail-${failure}.cjs`)
  const source = failure === "binding"
    ? `const Module = require("module"); const load = Module._load; Module._load = function (request, ...rest) { if (request === "bindings") return () => { throw new Error("Could not locate the bindings file. Tried:\\n → x/better_sqlite3.node") }; return load.call(this, request, ...rest) }`
    : `const Module = require("module"); const resolve = Module._resolveFilename; Module._resolveFilename = function (request, ...rest) { if (request === "better-sqlite3") throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), {code: "MODULE_NOT_FOUND"}); return resolve.call(this, request, ...rest) }`

  fs.writeFileSync(file, `${source}\n`)

  return file
}

describe("velocious init and better-sqlite3's native binding", {timeoutSeconds: 120}, () => {
  const folders: string[] = []

  afterAll(() => {
    for (const directory of folders) fs.rmSync(directory, {recursive: true, force: true})
  })

  it("runs `npm rebuild better-sqlite3` when the binding does not load, and goes on once it does", async () => {
    const app = appWithUnbuiltBinding("rebuild", {installScript: true})

    folders.push(app)

    const {code, stdout, stderr} = await runInProcess(app, ["init"])

    expect(stdout).toContain("better-sqlite3's native binding does not load (Could not locate the bindings file).\n")
    expect(stdout).toContain("Running `npm rebuild better-sqlite3` to build it (this compiles SQLite and takes a minute or two)...\n")
    expect(stdout).toContain("better-sqlite3 now loads.\n")
    expect(stdout).toContain("Next steps:")
    expect(fs.existsSync(path.join(app, "node_modules/better-sqlite3/built"))).toBe(true)
    expect(code).toEqual(0)
    expect(stderr).not.toContain("SQLite will not work yet")
  })

  it("says what to do and exits 1 when rebuilding does not help", async () => {
    const app = appWithUnbuiltBinding("no-rebuild", {installScript: false})

    folders.push(app)

    const {code, stdout, stderr} = await runInProcess(app, ["init"])

    expect(code).toEqual(1)
    expect(stdout).toContain("Created src/config/configuration.js\n")
    expect(stderr).toMatch(/SQLite will not work yet: `npm rebuild better-sqlite3` exited with \d+ and better-sqlite3 still does not load \(Could not locate the bindings file\)\./)
    expect(stderr).toContain("Run `npm rebuild better-sqlite3` in your app folder to build it")
    expect(stderr).toContain("Building needs Python 3, make and a C++ compiler")
  })

  it("makes the SQLite driver explain an unloadable binding instead of failing to open the database", async () => {
    const app = tempFolder("driver-binding", {link: ["velocious", "better-sqlite3"]})

    folders.push(app)
    expect((await runInProcess(app, ["init"])).code).toEqual(0)

    const {code, stderr} = await runVelocious(app, ["db:migrate"], {}, ["--require", preload(app, "binding")])

    expect(code).toEqual(1)
    expect(stderr).toContain(`SqliteNativeBindingError: better-sqlite3's native binding does not load under Node ${process.version} (Could not locate the bindings file). Run \`npm rebuild better-sqlite3\` in your app folder`)
    expect(fs.existsSync(path.join(app, "db/development.sqlite"))).toBe(false)
  })

  it("makes the SQLite driver say to install better-sqlite3 when it is missing", async () => {
    const app = tempFolder("driver-package", {link: ["velocious", "better-sqlite3"]})

    folders.push(app)
    expect((await runInProcess(app, ["init"])).code).toEqual(0)

    const {code, stderr} = await runVelocious(app, ["db:migrate"], {}, ["--require", preload(app, "package")])

    expect(code).toEqual(1)
    expect(stderr).toContain(`MissingDatabasePackageError: The "sqlite" database type needs the "better-sqlite3" package, which is not installed. Install it with: npm install better-sqlite3`)
  })

  it("tells a binding that does not load from other errors, and sums it up on one line", () => {
    const wrongNode = "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 127."

    expect(isNativeBindingFailure(Object.assign(new Error(wrongNode), {code: "ERR_DLOPEN_FAILED"}))).toBe(true)
    expect(isNativeBindingFailure(new Error("Could not locate the bindings file. Tried:\n → a"))).toBe(true)
    expect(isNativeBindingFailure(new Error("unable to open database file"))).toBe(false)
    expect(bindingFailureSummary(wrongNode)).toEqual("The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 127")
    expect(bindingFailureSummary("Could not locate the bindings file. Tried:\n → a\n → b")).toEqual("Could not locate the bindings file")
  })
})
