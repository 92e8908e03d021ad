import {spawnSync} from "node:child_process"
import fs from "node:fs"
import {pathToFileURL} from "node:url"
import {firstFrameIn} from "./call-site.js"
import type {Collector} from "./collector.js"
import type {TestFailure} from "./results.js"

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/** The line of `file` a load error points at: from the message (syntax errors), the stack, or the failing import. */
export function loadErrorLine(file: string, error: unknown): number | undefined {
  const text = error instanceof Error ? `${error.message}\n${error.stack || ""}` : String(error)
  const inText = new RegExp(`${escapeRegExp(file)}:(\\d+)`).exec(text)

  if (inText) return Number(inText[1])

  const frame = error instanceof Error ? firstFrameIn(error.stack, file) : undefined

  if (frame) return frame.line

  if (error instanceof SyntaxError) return syntaxErrorLine(file)

  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(text)

  if (missing) {
    const lines = fs.readFileSync(file, "utf8").split("\n")
    const specifier = missing[1]
    const index = lines.findIndex((line) => /\bimport\b|\bfrom\b|require\(/.test(line) && (line.includes(specifier) || specifier.endsWith(line.match(/["']([^"']+)["']/)?.[1]?.replace(/^\.+\/?/, "") || "\0")))

    if (index >= 0) return index + 1
  }

  return undefined
}

/**
 * V8 keeps the position of a syntax error in an ES module out of the error object, but
 * `node --check` prints it; this only runs for a file that already failed to load.
 */
function syntaxErrorLine(file: string): number | undefined {
  if (!/\.[cm]?js$/.test(file)) return undefined

  const check = spawnSync(process.execPath, ["--check", file], {encoding: "utf8", timeout: 10_000})
  const match = new RegExp(`^${escapeRegExp(file)}:(\\d+)`, "m").exec(check.stderr || "")

  return match ? Number(match[1]) : undefined
}

/** Imports one test file into the collector; a file that fails to load becomes a failure and adds no tests. */
export async function loadTestFile(collector: Collector, file: string): Promise<TestFailure | undefined> {
  const fileGroup = collector.beginFile(file)

  try {
    await import(pathToFileURL(file).href)
    await collector.endFile()

    return undefined
  } catch (error) {
    await collector.endFile().catch(() => undefined)
    collector.root.children.splice(collector.root.children.indexOf(fileGroup), 1)

    return {title: `An error occurred while loading ${file}`, file, line: loadErrorLine(file, error), error}
  }
}
