import type Configuration from "../configuration.js"

export class ConfigurationNotSetError extends Error {
  override name = "ConfigurationNotSetError"
}

// On globalThis so two copies of the package (a linked checkout next to an installed one)
// agree on the current configuration; in a module of its own so records can read it without
// importing the configuration class and everything Node-only behind it.
const currentKey = Symbol.for("velocious.configuration.current")
const globalStore = globalThis as unknown as {[key: symbol]: Configuration | undefined}

export function setCurrentConfiguration(configuration: Configuration): void {
  globalStore[currentKey] = configuration
}

export function hasCurrentConfiguration(): boolean {
  return Boolean(globalStore[currentKey])
}

export function currentConfiguration(): Configuration {
  const current = globalStore[currentKey]

  if (!current) {
    throw new ConfigurationNotSetError(
      "No current Velocious configuration. Import your src/config/configuration.js and call configuration.setCurrent() (the velocious CLI does this for you)."
    )
  }

  return current
}
