import fs from "node:fs/promises"
import path from "node:path"
import {pathToFileURL} from "node:url"
import type Configuration from "../../configuration.js"
import Record from "../../database/record/index.js"
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

/**
 * Imports every model in src/models and reads its columns, so app code can use `Task.find(1)`
 * without wiring. A file whose default export is not a Record subclass is left alone (helpers).
 */
export async function loadAppModels(configuration: Configuration): Promise<(typeof Record)[]> {
  const files = await modelFiles(path.join(configuration.getDirectory(), modelsDirectory))
  const models: (typeof Record)[] = []

  await registerTypeScriptFor(files)

  for (const file of files) {
    const loaded = await import(pathToFileURL(file).href)
    const model = loaded.default

    if (typeof model === "function" && model.prototype instanceof Record) models.push(model)
  }

  for (const model of models) await model.initializeRecord({configuration})

  return models
}
