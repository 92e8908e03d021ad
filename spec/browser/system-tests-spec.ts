import {spawnSync} from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {describe, it, expect, beforeAll, afterAll} from "velocious/build/src/testing/test.js"
import {TempApp} from "../http/support/temp-app.js"
import {root} from "./support/readme-browser-app.js"

const readmeExample = () => {
  const match = /<!-- browser-test-example: (\S+) -->\n```\w+\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(root, "README.md"), "utf8"))

  if (!match) throw new Error("README.md has no <!-- browser-test-example: ... --> block")

  return {file: match[1], source: match[2]}
}

const lastLine = (text: string) => text.trim().split("\n").pop()

// A test that must fail, so the counts are seen to come from Chromium and not from a runner that reports everything green.
const failingTest = `import {describe, it, expect} from "velocious/build/src/testing/test.js"

describe("Failing page check", () => {
  it("expects a heading the page does not have", async ({page, visit}) => {
    await visit("/")
    expect(await page.textContent("h1")).toBe("Not the welcome page")
  })

  it("reads the page title in Chromium", async ({page, visit}) => {
    await visit("/")
    expect(await page.evaluate(() => navigator.userAgent)).toContain("Chrome")
    expect(await page.title()).toBe("Welcome to Velocious")
  })
})
`

const customPatternTest = `import {describe, it, expect} from "velocious/build/src/testing/test.js"

describe("Found by VELOCIOUS_BROWSER_TEST_PATTERN", () => {
  it("gets a page too", async ({page, visit, baseUrl}) => {
    const response = await visit("/")

    expect(response.url()).toBe(baseUrl + "/")
    expect(await page.locator("h2").first().textContent()).toBe("Next steps")
  })
})
`

describe("Browser system tests (velocious test --browser)", () => {
  let app: TempApp

  beforeAll(async () => {
    app = new TempApp("browser-tests")

    const init = await app.run(["init"])

    if (init.code !== 0) throw new Error(`velocious init failed: ${init.stdout}${init.stderr}`)

    const {file, source} = readmeExample()

    app.write(file, source)
    app.write("spec/failing.browser-spec.js", failingTest)
    app.write("spec/system/custom-pattern.js", customPatternTest)
  })

  afterAll(() => app?.remove())

  it("adds the test:browser script to a new app's package.json", () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(app.directory, "package.json"), "utf8"))

    expect(packageJson.scripts["test:browser"]).toBe("velocious test --browser")
  })

  it("runs the README's browser test in Chromium and reports it like any test", async () => {
    const {code, stdout, stderr} = await app.run(["test", "--browser", readmeExample().file])

    expect(lastLine(stdout)).toBe("3 passed, 0 failed")
    expect(stderr).toBe("")
    expect(code).toBe(0)
  })

  it("runs them with `npm run test:browser`", () => {
    // What npm install would put in node_modules/.bin for velocious's bin.
    fs.mkdirSync(path.join(app.directory, "node_modules/.bin"), {recursive: true})
    fs.writeFileSync(path.join(app.directory, "node_modules/.bin/velocious"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, "build/bin/velocious.js")}" "$@"\n`, {mode: 0o755})

    const {status, stdout} = spawnSync("npm", ["run", "--silent", "test:browser", "--", readmeExample().file], {cwd: app.directory, encoding: "utf8", env: {...process.env, VELOCIOUS_ENV: "test"}, timeout: 60_000})

    expect(lastLine(stdout)).toBe("3 passed, 0 failed")
    expect(status).toBe(0)
  })

  it("finds *.browser-test.* and *.browser-spec.* files and fails the run on a failing one", async () => {
    const {code, stdout} = await app.run(["test", "--browser"])

    expect(lastLine(stdout)).toBe("4 passed, 1 failed")
    expect(stdout).toContain("Failing page check expects a heading the page does not have")
    expect(stdout).toContain("Not the welcome page")
    expect(code).toBe(1)
  })

  it("takes its file pattern from VELOCIOUS_BROWSER_TEST_PATTERN", async () => {
    const byPath = await app.run(["test", "--browser"], {VELOCIOUS_BROWSER_TEST_PATTERN: "spec/system/**/*.js"})

    expect(lastLine(byPath.stdout)).toBe("1 passed, 0 failed")

    const byName = await app.run(["test", "--browser"], {VELOCIOUS_BROWSER_TEST_PATTERN: "home.browser-{test,spec}.js"})

    expect(lastLine(byName.stdout)).toBe("3 passed, 0 failed")
  })

  it("leaves browser tests out of a plain run", async () => {
    const {code, stdout} = await app.run(["test"])

    expect(stdout).not.toContain("Failing page check")
    expect(code).toBe(0)
  })

  it("says which package to install when playwright-core is missing", async () => {
    // An app of its own whose node_modules/velocious is a copy of the build that cannot reach the checkout's playwright-core.
    const bare = new TempApp("browser-no-playwright")

    try {
      fs.rmSync(path.join(bare.directory, "node_modules/velocious"))
      fs.mkdirSync(path.join(bare.directory, "node_modules/velocious"))
      fs.cpSync(path.join(root, "build"), path.join(bare.directory, "node_modules/velocious/build"), {recursive: true})
      fs.copyFileSync(path.join(root, "package.json"), path.join(bare.directory, "node_modules/velocious/package.json"))
      // Every dependency of the checkout but playwright-core, as if it had never been installed.
      fs.mkdirSync(path.join(bare.directory, "node_modules/velocious/node_modules"))
      for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
        if (entry !== "playwright-core" && !entry.startsWith(".")) fs.symlinkSync(path.join(root, "node_modules", entry), path.join(bare.directory, "node_modules/velocious/node_modules", entry))
      }
      bare.write("spec/one.browser-test.js", "import {it} from \"velocious/build/src/testing/test.js\"\nit(\"opens\", async ({visit}) => { await visit(\"/\") })\n")

      // The copy's own CLI, so every module (playwright-core's import too) resolves from the copy.
      const {status, stdout} = spawnSync(process.execPath, [path.join(bare.directory, "node_modules/velocious/build/bin/velocious.js"), "test", "--browser"], {cwd: bare.directory, encoding: "utf8", env: {...process.env, VELOCIOUS_ENV: "test"}, timeout: 60_000})

      expect(stdout).toContain("Browser tests drive Chromium with the \"playwright-core\" package, which is not installed. Install it with: npm install --save-dev playwright-core")
      expect(lastLine(stdout)).toBe("0 passed, 1 failed")
      expect(status).toBe(1)
    } finally {
      bare.remove()
    }
  })
})
