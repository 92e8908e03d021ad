import {checkKeys} from "../utils/check-keys.js"

export interface TestSettings {
  excludeTags: string[]
  includeTags: string[]
  defaultTimeoutSeconds: number
}

const settingsKey = Symbol.for("velocious.testing.settings")
const globalStore = globalThis as unknown as Record<symbol, TestSettings | undefined>

export function defaultTestSettings(): TestSettings {
  return {excludeTags: [], includeTags: [], defaultTimeoutSeconds: 60}
}

export function getTestSettings(): TestSettings {
  return globalStore[settingsKey] ||= defaultTestSettings()
}

export function resetTestSettings(): void {
  globalStore[settingsKey] = defaultTestSettings()
}

/** Suite-wide settings, usually called from src/config/testing.(js|ts). */
export function configureTests(options: Partial<TestSettings>): void {
  checkKeys(options, ["excludeTags", "includeTags", "defaultTimeoutSeconds"], "configureTests()")

  const settings = getTestSettings()

  if (options.excludeTags) settings.excludeTags = [...settings.excludeTags, ...options.excludeTags]
  if (options.includeTags) settings.includeTags = [...settings.includeTags, ...options.includeTags]

  if (options.defaultTimeoutSeconds !== undefined) {
    if (!(options.defaultTimeoutSeconds > 0)) throw new TypeError(`configureTests(): defaultTimeoutSeconds must be a positive number, got ${options.defaultTimeoutSeconds}`)

    settings.defaultTimeoutSeconds = options.defaultTimeoutSeconds
  }
}
