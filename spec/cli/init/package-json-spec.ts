import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {packageNameFor, planPackageJson} from "velocious/build/src/cli/init/package-json.js"

const plan = (packageJson: unknown, typescript = false) => planPackageJson(JSON.stringify(packageJson), {folderName: "app", typescript})

describe("velocious init: merging package.json", () => {
  it("writes nothing when everything is there already", () => {
    const result = plan({type: "module", scripts: {start: "velocious server", test: "velocious test", "test:browser": "velocious test --browser", migrate: "velocious db:migrate"}, allowScripts: {"better-sqlite3": true, esbuild: true}})

    expect(result).toEqual({text: undefined, created: false, changes: [], skipped: []})
  })

  it("counts a pinned allowScripts entry as present, and never re-allows a denied one", () => {
    const scripts = {start: "velocious server", test: "velocious test", "test:browser": "velocious test --browser", migrate: "velocious db:migrate"}

    expect(plan({type: "module", scripts, allowScripts: {"better-sqlite3@12.11.1": true, esbuild: true}}).changes).toEqual([])

    const denied = plan({type: "module", scripts, allowScripts: {"better-sqlite3": false, esbuild: true}})

    expect(denied.text).toBeUndefined()
    expect(denied.skipped).toEqual([`allowScripts "better-sqlite3" (set to false; SQLite needs better-sqlite3's install script to build its native binding)`])
  })

  it("adds the typecheck script for TypeScript apps only", () => {
    expect(JSON.parse(plan({}, true).text as string).scripts.typecheck).toEqual("tsc --noEmit")
    expect(JSON.parse(plan({}, false).text as string).scripts.typecheck).toBeUndefined()
  })

  it("explains a package.json it cannot merge into", () => {
    expect(() => planPackageJson("[]", {folderName: "app", typescript: false})).toThrow("package.json must hold a JSON object. Fix it, then run `npx velocious init` again")
    expect(() => plan({scripts: "none"})).toThrow(`"scripts" in package.json must be an object, got "none". Fix it, then run \`npx velocious init\` again`)
  })

  it("makes a valid package name of any folder name", () => {
    expect(packageNameFor("My App")).toEqual("my-app")
    expect(packageNameFor(".hidden_Thing!")).toEqual("hidden_thing")
    expect(packageNameFor("???")).toEqual("app")
  })
})
