import * as api from "./test.js"

const globalNames = ["describe", "it", "test", "expect", "beforeAll", "afterAll", "beforeEach", "afterEach"] as const

/**
 * `velocious test` offers the test API as globals too, so a testing config or spec that calls
 * `beforeAll(...)` without importing it (as the README's examples do) still works.
 */
export function installTestGlobals(): void {
  const target = globalThis as Record<string, unknown>

  for (const name of globalNames) {
    if (!(name in target)) target[name] = api[name]
  }
}
