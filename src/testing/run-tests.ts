import fs from "node:fs"
import path from "node:path"
import {pathToFileURL} from "node:url"
import {resetCollector} from "./collector.js"
import {emptyFilters, selectTests, type TestFilters} from "./filters.js"
import {findTestFiles} from "./files-finder.js"
import {loadTestFile} from "./load-test-file.js"
import ProgressReporter, {type ReporterOutput} from "./reporter.js"
import {emptyResult, type RunResult} from "./results.js"
import TestRunner from "./runner.js"
import {flushAll as flushBufferedLogs} from "../logger/buffered-writers.js"
import {getTestSettings, resetTestSettings} from "./test-settings.js"
import {findAppFile} from "../utils/app-file.js"
import {registerTypeScriptFor} from "../utils/typescript-loader.js"

export interface RunTestsArgs {
  cwd: string
  /** Files and directories; empty means the default roots (`spec/` and `src/`). */
  paths: string[]
  filters?: TestFilters
  output: ReporterOutput
  /** Before test files load, e.g. to load the app configuration. */
  beforeLoad?: () => Promise<void>
  /** Which files directories contribute (default: `*-spec.*` and `*-test.*`, browser tests left out). */
  matchFile?: (file: string) => boolean
  /** The test type of every test that names none (`velocious test --browser` runs its tests as "browser" tests). */
  defaultTestType?: string
  /** How the files are called in the "no test files" message. */
  fileKinds?: string
}

export const defaultTestRoots = ["spec", "src"]

/** Finds, loads, filters and runs test files, and reports; the exit code is 1 on any failure. */
export async function runTests({cwd, paths, filters = emptyFilters(), output, beforeLoad, matchFile, defaultTestType, fileKinds = "*-spec.js, *-test.js, .ts"}: RunTestsArgs): Promise<{result: RunResult, exitCode: number}> {
  const loadStarted = performance.now()
  const collector = resetCollector()

  resetTestSettings()

  const result = emptyResult()
  const roots = paths.length > 0 ? paths.map((each) => path.resolve(cwd, each)) : existingDefaultRoots(cwd)
  const files = await findTestFiles(roots, matchFile)

  // The root group's options are what every test inherits when nothing closer sets them.
  if (defaultTestType) collector.root.options.type = defaultTestType
  const testingConfigFile = findAppFile(cwd, "src/config/testing")

  await registerTypeScriptFor(testingConfigFile ? [...files, testingConfigFile] : files)
  await beforeLoad?.()

  if (testingConfigFile) {
    const testingConfig = await import(pathToFileURL(testingConfigFile).href)

    if (typeof testingConfig.default === "function") await testingConfig.default()
  }

  for (const file of files) {
    const loadFailure = await loadTestFile(collector, file)

    if (loadFailure) {
      result.failed++
      result.failures.push({...loadFailure, title: `An error occurred while loading ${path.relative(cwd, file)}`})
    }
  }

  const settings = getTestSettings()
  const selected = selectTests(collector.root, {
    ...filters,
    includeTags: [...filters.includeTags, ...settings.includeTags],
    excludeTags: [...filters.excludeTags, ...settings.excludeTags]
  })
  const reporter = new ProgressReporter(output, cwd)
  const runStarted = performance.now()

  if (files.length === 0) output.write(`No test files (${fileKinds}) found under ${roots.map((root) => path.relative(cwd, root) || ".").join(", ") || "spec/ or src/"}\n`)

  const runResult = await new TestRunner({root: collector.root, selected, defaultTimeoutSeconds: settings.defaultTimeoutSeconds, listener: reporter}).run()

  result.passed += runResult.passed
  result.failed += runResult.failed
  result.skipped += runResult.skipped
  result.failures.push(...runResult.failures)
  result.skips.push(...runResult.skips)

  const finished = performance.now()

  // Log lines the tests wrote (request logs, app logging) are buffered: out before the summary,
  // so `N passed, M failed` stays the last line.
  await flushBufferedLogs()
  reporter.finish(result, {loadSeconds: (runStarted - loadStarted) / 1000, runSeconds: (finished - runStarted) / 1000})

  return {result, exitCode: result.failed > 0 ? 1 : 0}
}

function existingDefaultRoots(cwd: string): string[] {
  return defaultTestRoots.map((root) => path.join(cwd, root)).filter((root) => fs.existsSync(root))
}
