import {execFile} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {afterAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {spawnUntilListening} from "../../http/support/server-process.js"
import {binary, runInProcess, runVelocious, tempFolder} from "./support/init-app.js"

function typecheck(app: string): Promise<{code: number, output: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(app, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", app], {cwd: app, timeout: 60_000}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`})
    })
  })
}

// The README's start, minus npm: init, db:migrate, server, then the generated spec, in each language.
describe("velocious init: the app it generates runs", {timeoutSeconds: 120}, () => {
  const folders: string[] = []

  afterAll(() => {
    for (const directory of folders) fs.rmSync(directory, {recursive: true, force: true})
  })

  for (const language of ["javascript", "typescript"]) {
    it(`migrates, serves the welcome page at / and passes its own spec (${language})`, async () => {
      const app = tempFolder(language, {link: ["velocious", "better-sqlite3", "typescript", "@types/node"]})

      folders.push(app)
      expect((await runInProcess(app, language === "typescript" ? ["init", "--typescript"] : ["init"])).code).toEqual(0)

      const migrate = await runVelocious(app, ["db:migrate"])

      expect(migrate.stdout).toEqual("No pending migrations\nWrote db/structure-default.sql\n")
      expect(migrate.code).toEqual(0)
      expect(fs.existsSync(path.join(app, "db/development.sqlite"))).toBe(true)

      const server = await spawnUntilListening([binary, "server", "--port", "0"], {cwd: app, env: {VELOCIOUS_ENV: "development"}})

      try {
        const response = await fetch(`http://127.0.0.1:${server.port}/`)
        const body = await response.text()

        expect(response.status).toEqual(200)
        expect(response.headers.get("content-type")).toEqual("text/html; charset=utf-8")
        expect(body).toContain("<h1>Welcome to Velocious</h1>")
        expect(body).toContain("running in the <strong>development</strong> environment")

        server.child.kill("SIGTERM")
        expect(await server.exited).toEqual(0)
      } finally {
        if (server.child.exitCode === null) server.child.kill("SIGKILL")
      }

      const tests = await runVelocious(app, ["test"])

      expect(tests.stdout.trimEnd().split("\n").at(-1)).toEqual("1 passed, 0 failed")
      expect(tests.code).toEqual(0)
      // Tests log to log/test.log, not into the test output.
      expect(tests.stdout).not.toContain("GET /")
      expect(fs.readFileSync(path.join(app, "log/test.log"), "utf8")).toContain("GET / 200")

      if (language === "typescript") {
        const checked = await typecheck(app)

        expect(checked.output).toEqual("")
        expect(checked.code).toEqual(0)

        // And the check can fail: a type error in app code is reported.
        fs.writeFileSync(path.join(app, "src/models/broken.ts"), "export const count: number = \"one\"\n")
        expect((await typecheck(app)).output).toContain("src/models/broken.ts")
      }
    })
  }

  it("the generated spec fails when the page does not answer 200 (so its pass above means something)", async () => {
    const app = tempFolder("failing-spec", {link: ["velocious", "better-sqlite3"]})

    folders.push(app)
    expect((await runInProcess(app, ["init"])).code).toEqual(0)
    fs.writeFileSync(path.join(app, "src/config/routes.js"), `import Routes from "velocious/build/src/routes/index.js"\n\nexport default {routes: new Routes()}\n`)

    const tests = await runVelocious(app, ["test"])

    expect(tests.stdout.trimEnd().split("\n").at(-1)).toEqual("0 passed, 1 failed")
    expect(tests.code).toEqual(1)
  })
})
