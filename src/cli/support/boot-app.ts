import type Configuration from "../../configuration.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import {loadAppModels} from "./load-app-models.js"

/**
 * For commands that run app code (test, console, server): configuration current and
 * initialized, a fallback connection per database, and the models ready.
 */
export async function bootApp(cwd: string, {required}: {required: boolean}): Promise<Configuration | undefined> {
  const configuration = await loadAppConfiguration(cwd, {required})

  if (!configuration || !configuration.options.database) return configuration

  await configuration.ensureGlobalConnections()
  await loadAppModels(configuration)

  return configuration
}
