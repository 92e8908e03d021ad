import path from "node:path"
import {pathToFileURL} from "node:url"
import {appSourceFiles} from "../../utils/app-source-files.js"
import {registerTypeScriptFor} from "../../utils/typescript-loader.js"

export const modelsDirectory = "src/models"

/** The default export of every file under src/models, in path order; which of them are models is the caller's call. */
export async function importAppModelExports(appDirectory: string): Promise<unknown[]> {
  const files = await appSourceFiles(path.join(appDirectory, modelsDirectory))

  await registerTypeScriptFor(files)

  const exports: unknown[] = []

  for (const file of files) exports.push((await import(pathToFileURL(file).href)).default)

  return exports
}
