import fs from "node:fs/promises"
import path from "node:path"

const testFilePattern = /[-.](spec|test)\.(js|mjs|cjs|ts|mts|cts)$/
const browserTestPattern = /\.browser-(spec|test)\.[cm]?[jt]s$/

export function isTestFile(file: string): boolean {
  return testFilePattern.test(path.basename(file))
}

export function isBrowserTestFile(file: string): boolean {
  return browserTestPattern.test(path.basename(file))
}

/** Which files a directory contributes: by default `*-spec.*`/`*-test.*` without browser tests; `--browser` passes its own. */
export type TestFileMatcher = (file: string) => boolean

const defaultMatcher: TestFileMatcher = (file) => isTestFile(file) && !isBrowserTestFile(file)

async function walk(directory: string, into: string[], matches: TestFileMatcher): Promise<void> {
  const entries = await fs.readdir(directory, {withFileTypes: true})

  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue

    const full = path.join(directory, entry.name)

    if (entry.isDirectory()) await walk(full, into, matches)
    else if (matches(full)) into.push(full)
  }
}

export class TestPathNotFoundError extends Error {
  override name = "TestPathNotFoundError"
}

/**
 * Test files under the given paths, sorted. A file named explicitly always counts (even a
 * browser test or an odd name); directories contribute `*-spec.*` and `*-test.*` files.
 */
export async function findTestFiles(paths: string[], matches: TestFileMatcher = defaultMatcher): Promise<string[]> {
  const files = new Set<string>()

  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined)

    if (!stat) throw new TestPathNotFoundError(`No such test file or directory: ${given}`)

    if (stat.isDirectory()) {
      const found: string[] = []

      await walk(given, found, matches)
      for (const file of found) files.add(path.resolve(file))
    } else {
      files.add(path.resolve(given))
    }
  }

  return [...files].sort()
}
