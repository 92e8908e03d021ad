import type Configuration from "../configuration.js"
import Record from "../database/record/index.js"
import {initializeModelWhenTableExists} from "../database/record/initialize-model.js"

function isModelClass(value: unknown): value is typeof Record {
  return typeof value === "function" && value.prototype instanceof Record
}

/**
 * The app's models (a model file's default export; other files in src/models are helpers and
 * left alone), each initialized unless it is already or its table does not exist yet.
 */
export async function initializeAppModels(configuration: Configuration, known: (typeof Record)[] | undefined): Promise<(typeof Record)[]> {
  const models = known ?? (await configuration.getEnvironmentHandler().importAppModelExports({configuration})).filter(isModelClass)

  for (const model of models) {
    if (!model.isInitialized()) await initializeModelWhenTableExists(model, configuration)
  }

  return models
}
