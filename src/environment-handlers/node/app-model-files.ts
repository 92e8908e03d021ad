import fs from "node:fs/promises"
import path from "node:path"
import {pathToFileURL} from "node:url"
import {registerTypeScriptFor} from "../../utils/typescript-loader.js"

export const modelsDirectory = "src/models"

async function modelFiles(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, {withFileTypes: true}).catch(() => [])
  const files: string[] = []

  for (const entry of entries) {
    const full = path.join(directory, entry.name)

    if (entry.isDirectory()) files.push(...await modelFiles(full))
    else if (/\.(js|mjs|ts|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") && !/[-.](spec|test)\./.test(entry.name)) files.push(full)
  }

  return files.sort()
}

/** The default export of every file under src/models, in path order; which of them are models is the caller's call. */
export async function importAppModelExports(appDirectory: string): Promise<unknown[]> {
  const files = await modelFiles(path.join(appDirectory, modelsDirectory))

  await registerTypeScriptFor(files)

  const exports: unknown[] = []

  for (const file of files) exports.push((await import(pathToFileURL(file).href)).default)

  return exports
}
