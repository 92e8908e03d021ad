import type {BrowserContext, Page, Response} from "playwright-core"
import {registerTestType} from "../test-types.js"
import type {TestArgs} from "../tree.js"
import {requestTestBaseUrl} from "../request/request-test-server.js"
import {sharedChromium} from "./chromium.js"

declare module "../tree.js" {
  interface TestArgs {
    /** Browser tests: the test's own Chromium page (a fresh context: own cookies and storage). */
    page: Page
    /** Browser tests: opens a path of the app's server in `page`, resolving with the main response. */
    visit: (path: string) => Promise<Response | null>
    /** Browser tests: where the app's server listens, e.g. http://127.0.0.1:40123. */
    baseUrl: string
  }
}

const contexts = new WeakMap<TestArgs, BrowserContext>()

/**
 * `velocious test --browser` runs every test as a "browser" test: it gets a `page` in a fresh
 * browser context and `visit(path)` against the app's server (the one request tests use,
 * started in-process on a free port).
 */
registerTestType("browser", {
  async prepare({testArgs}) {
    // Chromium first: a missing browser or playwright-core is the first thing to fix.
    const browser = await sharedChromium()
    const baseUrl = await requestTestBaseUrl()
    const context = await browser.newContext({baseURL: baseUrl})
    const page = await context.newPage()

    contexts.set(testArgs, context)
    testArgs.page = page
    testArgs.baseUrl = baseUrl
    testArgs.visit = (path: string) => page.goto(new URL(path, baseUrl).href)
  },

  async cleanup({testArgs}) {
    await contexts.get(testArgs)?.close()
    contexts.delete(testArgs)
  }
})
