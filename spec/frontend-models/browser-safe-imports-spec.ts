import fs from "node:fs"
import {builtinModules} from "node:module"
import path from "node:path"
import {fileURLToPath} from "node:url"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

const buildRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../build/src")
const staticImport = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm

function staticGraph(entry: string): {files: string[], external: string[]} {
  const files = new Set<string>()
  const external = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return

    files.add(file)

    for (const match of fs.readFileSync(file, "utf8").matchAll(staticImport)) {
      const specifier = match[1] || match[2]

      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier))
      else external.add(specifier)
    }
  }

  visit(path.join(buildRoot, entry))

  return {files: [...files].map((file) => path.relative(buildRoot, file)), external: [...external]}
}

const nodeOnly = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier)

// Generated frontend models are bundled for the browser; abilities are usable there too.
for (const entry of ["frontend-models/base-frontend-model.js", "authorization/ability.js", "authorization/base-resource.js"]) {
  describe(`browser-safe imports of ${entry}`, () => {
    it("loads nothing Node-only, and not the server side, at top level", () => {
      const {files, external} = staticGraph(entry)

      expect(external.filter(nodeOnly)).toEqual([])
      expect(files.filter((file) => file === "configuration.js" || file.startsWith("http-server/") || file === "authorization/request-ability.js")).toEqual([])
    })
  })
}
