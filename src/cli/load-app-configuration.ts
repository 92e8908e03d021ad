import {pathToFileURL} from "node:url"
import Configuration from "../configuration.js"
import {findAppFile} from "../utils/app-file.js"
import {registerTypeScriptFor} from "../utils/typescript-loader.js"

export class ConfigurationFileError extends Error {
  override name = "ConfigurationFileError"
}

export const configurationFileBase = "src/config/configuration"

/**
 * Loads the app's src/config/configuration.(js|ts), makes it current and initializes it (all but
 * the models, which need connections; see bootApp).
 */
export async function loadAppConfiguration(directory: string, {required}: {required: boolean}): Promise<Configuration | undefined> {
  const file = findAppFile(directory, configurationFileBase)

  if (!file) {
    if (!required) return undefined

    throw new ConfigurationFileError(`No ${configurationFileBase}.js or .ts in ${directory}. Run this command from your app's root, or create one with \`npx velocious init\`.`)
  }

  await registerTypeScriptFor([file])

  const loaded = await import(pathToFileURL(file).href)
  const configuration = loaded.default

  if (!(configuration instanceof Configuration) && !(configuration && typeof configuration.setCurrent === "function")) {
    throw new ConfigurationFileError(`${file} must \`export default new Configuration({...})\`; its default export is ${configuration === undefined ? "missing" : typeof configuration}`)
  }

  configuration.setCurrent()
  // Models wait for the commands that run app code (bootApp): db:create and db:migrate run before their tables exist.
  await configuration.initialize({models: false})

  return configuration
}
