import type Configuration from "../../configuration.js"
import {currentConfiguration} from "../../configuration/current.js"
import {defineColumnAccessors} from "./column-accessors.js"
import {RecordNotInitializedError} from "./errors.js"
import type Record from "./index.js"
import ModelMetadata from "./model-metadata.js"
import {registerModel} from "./model-registry.js"
import {configurationKey, initializeHooksKey, metadataKey, own, setOwn} from "./model-statics.js"

export type InitializeHook = (configuration: Configuration) => unknown

/** Reads the model's columns, defines their accessors, then runs the hooks features added. */
export async function initializeModel(model: typeof Record, configuration: Configuration | undefined): Promise<void> {
  const config = configuration || currentConfiguration()

  setOwn(model, configurationKey, config)
  registerModel(model)

  const pool = config.getDatabasePool(model.databaseIdentifier)
  const columns = await pool.withConnection(async (db) => {
    if (!await db.getIntrospector().tableExists(model.getTableName())) {
      throw new RecordNotInitializedError(`${model.name} uses table '${model.getTableName()}', which does not exist in the '${model.databaseIdentifier}' database. Run \`npx velocious db:migrate\`, or set the table with ${model.name}.setTableName("...")`)
    }

    return await db.getIntrospector().columns(model.getTableName())
  })

  setOwn(model, metadataKey, new ModelMetadata(columns))
  defineColumnAccessors(model, columns)

  for (const hook of initializeHooks(model)) await hook(config)
}

export function initializeHooks(model: typeof Record): InitializeHook[] {
  return own(model, initializeHooksKey, () => [] as InitializeHook[])
}

export function notInitializedError(model: typeof Record): RecordNotInitializedError {
  return new RecordNotInitializedError(`${model.name} is not initialized: the velocious CLI initializes the models in src/models; in your own script call await ${model.name}.initializeRecord({configuration}) first`)
}
