import {pathToFileURL} from "node:url"
import Routes from "../routes/index.js"
import {findAppFile} from "../utils/app-file.js"
import {registerTypeScriptFor} from "../utils/typescript-loader.js"

export class RoutesFileError extends Error {
  override name = "RoutesFileError"
}

export const routesFileBase = "src/config/routes"

/** Imports src/config/routes.(js|ts), which must `export default {routes}`. */
export async function loadAppRoutes(directory: string): Promise<Routes> {
  const file = findAppFile(directory, routesFileBase)

  if (!file) throw new RoutesFileError(`No ${routesFileBase}.js or .ts in ${directory}: create it with \`const routes = new Routes(); routes.draw(...); export default {routes}\``)

  await registerTypeScriptFor([file])

  const loaded = await import(pathToFileURL(file).href)
  const routes = loaded.default?.routes

  // Duck-typed too: an app may resolve its own copy of velocious.
  if (!(routes instanceof Routes) && !(routes && typeof routes.match === "function" && typeof routes.getRoutes === "function")) {
    throw new RoutesFileError(`${file} must \`export default {routes}\` where routes is a velocious Routes; its default export is ${loaded.default === undefined ? "missing" : JSON.stringify(Object.keys(loaded.default || {}))}`)
  }

  return routes as Routes
}
