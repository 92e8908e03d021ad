import path from "node:path"
import type {CommandContext} from "../command.js"
import {bootApp} from "../support/boot-app.js"
import {emptyFilters, parseExamplePattern, splitList} from "../../testing/filters.js"
import {installTestGlobals} from "../../testing/globals.js"
import {runTests} from "../../testing/run-tests.js"
import "../../testing/request/register.js"
import {stopRequestTestServer} from "../../testing/request/request-test-server.js"

/** `file-spec.js:34:50` → the file and its lines; a plain path has none. */
function splitLocation(argument: string): {file: string, lines: number[]} {
  const match = /^(.*?)((?::\d+)+)$/.exec(argument)

  if (!match) return {file: argument, lines: []}

  return {file: match[1], lines: match[2].slice(1).split(":").map(Number)}
}

export default async function testCommand({cwd, positionals, values, stdout}: CommandContext): Promise<number> {
  // Tests run in the test environment unless VELOCIOUS_ENV says otherwise, as in Rails.
  process.env.VELOCIOUS_ENV ||= "test"

  const filters = emptyFilters()
  const paths: string[] = []

  for (const argument of positionals) {
    const {file, lines} = splitLocation(argument)

    paths.push(file)
    if (lines.length > 0) filters.locations.set(path.resolve(cwd, file), [...(filters.locations.get(path.resolve(cwd, file)) || []), ...lines])
  }

  filters.includeTags = splitList([...(values.tag as string[] || []), ...(values["include-tag"] as string[] || [])])
  filters.excludeTags = splitList(values["exclude-tag"] as string[])
  filters.examples = [...(values.example as string[] || []), ...(values.name as string[] || [])].map(parseExamplePattern)

  installTestGlobals()

  const browser = values.browser === true ? await browserRun(cwd) : undefined
  let configuration: Awaited<ReturnType<typeof bootApp>>

  try {
    const {exitCode} = await runTests({
      cwd,
      paths,
      filters,
      output: {write: (text) => stdout.write(text)},
      beforeLoad: async () => { configuration = await bootApp(cwd, {required: false, migrate: true}) },
      ...browser?.runOptions
    })

    return exitCode
  } finally {
    await browser?.close()
    await stopRequestTestServer()
    await configuration?.close()
  }
}

/** `--browser`: only browser system tests, each run as a "browser" test in Chromium. Loaded only then, so plain runs never touch playwright. */
async function browserRun(cwd: string) {
  const [{browserTestMatcher, defaultBrowserTestPattern, browserTestPatternVariable}, {closeSharedChromium}] = await Promise.all([
    import("../../testing/browser/browser-test-pattern.js"),
    import("../../testing/browser/chromium.js"),
    import("../../testing/browser/register.js")
  ])

  return {
    runOptions: {
      matchFile: browserTestMatcher({cwd}),
      defaultTestType: "browser",
      fileKinds: `browser tests: ${process.env[browserTestPatternVariable] || defaultBrowserTestPattern}`
    },
    close: closeSharedChromium
  }
}
