import type Configuration from "../../configuration.js"
import {currentConfiguration} from "../../configuration/current.js"
import {defineColumnAccessors} from "./column-accessors.js"
import {ModelTableMissingError, RecordNotInitializedError} from "./errors.js"
import type Record from "./index.js"
import ModelMetadata from "./model-metadata.js"
import {registerModel} from "./model-registry.js"
import {configurationKey, initializeHooksKey, metadataKey, own, ownValue, setOwn} from "./model-statics.js"

export type InitializeHook = (configuration: Configuration) => unknown

/** Reads the model's columns, defines their accessors, then runs the hooks features added. */
export async function initializeModel(model: typeof Record, configuration: Configuration | undefined): Promise<void> {
  const config = configuration || currentConfiguration()

  setOwn(model, configurationKey, config)
  registerModel(model)

  const pool = config.getDatabasePool(model.databaseIdentifier)
  const {columns, typedResultColumns} = await pool.withConnection(async (db) => {
    if (!await db.getIntrospector().tableExists(model.getTableName())) {
      throw new ModelTableMissingError(`${model.name} uses table '${model.getTableName()}', which does not exist in the '${model.databaseIdentifier}' database. Run \`npx velocious db:migrate\`, or set the table with ${model.name}.setTableName("...")`)
    }

    return {columns: await db.getIntrospector().columns(model.getTableName()), typedResultColumns: db.getAdapter().typedResultColumns}
  })

  setOwn(model, metadataKey, new ModelMetadata(columns, {typedResultColumns}))
  defineColumnAccessors(model, columns)

  for (const hook of initializeHooks(model)) await hook(config)
}

export function initializeHooks(model: typeof Record): InitializeHook[] {
  return own(model, initializeHooksKey, () => [] as InitializeHook[])
}

const missingTableKey = Symbol("velocious.record.missingTable")

/**
 * For booting an app: a model whose table does not exist yet (a script that migrates after
 * `configuration.initialize()`, a server started before `db:migrate`) stays uninitialized and
 * says why when used, instead of stopping the boot. Returns whether the model is ready.
 */
export async function initializeModelWhenTableExists(model: typeof Record, configuration: Configuration): Promise<boolean> {
  try {
    await initializeModel(model, configuration)
    setOwn(model, missingTableKey, undefined)

    return true
  } catch (error) {
    if (!(error instanceof ModelTableMissingError)) throw error

    setOwn(model, missingTableKey, error)

    return false
  }
}

export function notInitializedError(model: typeof Record): RecordNotInitializedError {
  const missingTable = ownValue<ModelTableMissingError>(model, missingTableKey)

  if (missingTable) return new ModelTableMissingError(`${model.name} is not initialized: ${missingTable.message}, when the app initialized its models`)

  return new RecordNotInitializedError(`${model.name} is not initialized: the velocious CLI and \`await configuration.initialize()\` initialize the models in src/models; for a model elsewhere call await ${model.name}.initializeRecord({configuration}) first`)
}
