import fs from "node:fs"
import {builtinModules} from "node:module"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {describe, it, expect} from "velocious/build/src/testing/test.js"

const buildRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../build/src")
const staticImport = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm

/** Every module a file pulls in through static imports (dynamic import() is left out: it only loads when called). */
function staticGraph(entry: string): {files: Set<string>, external: Set<string>} {
  const files = new Set<string>()
  const external = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return

    files.add(file)

    const source = fs.readFileSync(file, "utf8")

    for (const match of source.matchAll(staticImport)) {
      const specifier = match[1] || match[2]

      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier))
      else external.add(specifier)
    }
  }

  visit(entry)

  return {files, external}
}

const nodeOnly = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier) || specifier === "better-sqlite3"

// The browser build reuses records and queries (DESIGN.md §3), so nothing they load may need Node.
for (const entry of ["database/record/index.js", "database/query/index.js", "database/record/validations/index.js"]) {
  describe(`browser-safe imports of ${entry}`, () => {
    it("loads nothing Node-only at top level", () => {
      const {external, files} = staticGraph(path.join(buildRoot, entry))

      expect([...external].filter(nodeOnly)).toEqual([])
      expect([...files].map((file) => path.relative(buildRoot, file)).filter((file) => file === "configuration.js" || file.startsWith("database/pool/"))).toEqual([])
    })
  })
}

describe("browser-safe imports check", () => {
  it("does see Node-only imports where there are some", () => {
    const {external, files} = staticGraph(path.join(buildRoot, "database/pool/async-tracked-multi-connection.js"))

    expect([...external].filter(nodeOnly)).toContain("node:async_hooks")
    expect(files.size).toBeGreaterThan(1)
  })
})
