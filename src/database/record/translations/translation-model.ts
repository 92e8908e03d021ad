import Record from "../index.js"
import type Configuration from "../../../configuration.js"
import {DatabaseError} from "../../drivers/base/errors.js"
import {modelByName} from "../model-registry.js"
import {camelize, singularize, underscore} from "../../../utils/inflection.js"
import {translatedAttributesOf} from "./translated-attributes.js"
import {translationsRelationshipName} from "./translation-store.js"

export class TranslationSetupError extends DatabaseError {
  override name = "TranslationSetupError"
}

/** `Task` → `TaskTranslation`: the class an app may define itself in src/models. */
export function translationClassName(model: typeof Record): string {
  return `${model.name}Translation`
}

/** `tasks` → `task_translations` */
export function translationTableName(model: typeof Record): string {
  return `${singularize(model.getTableName())}_translations`
}

/**
 * The app's own `TaskTranslation` when it has one (registered by name like every model), else
 * a plain model made here for the `task_translations` table, so translating needs no extra file.
 */
function translationModel(model: typeof Record): typeof Record {
  const existing = modelByName(translationClassName(model))

  if (existing) return existing

  const name = translationClassName(model)
  // A computed key names the class `TaskTranslation`, which the model registry and errors use.
  const generated = {[name]: class extends Record {}}[name]
  const ownerName = camelize(underscore(model.name))

  generated.databaseIdentifier = model.databaseIdentifier
  generated.setTableName(translationTableName(model))
  generated.belongsTo(ownerName, {className: model.name, foreignKey: model.getRelationshipOrFail(translationsRelationshipName).foreignKey()})

  return generated
}

/** Run when the translated model initializes: readies its translation model and checks the table has the columns. */
export async function initializeTranslationModel(model: typeof Record, configuration: Configuration): Promise<void> {
  const target = translationModel(model)
  const relationship = model.getRelationshipOrFail(translationsRelationshipName)

  // Again when the owner is initialized against another configuration (a second database in specs).
  if (!target.isInitialized() || target.getConfiguration() !== configuration) {
    const exists = await configuration.getDatabasePool(target.databaseIdentifier).withConnection((db) => db.getIntrospector().tableExists(target.getTableName()))

    if (!exists) {
      throw new TranslationSetupError(`${model.name}.translates() stores translations in ${target.getTableName()}, which does not exist; create it in a migration with ${relationship.foreignKey()}, locale and the translated columns (see "task_translations" in the README), or define ${target.name} in src/models with its own table`)
    }

    await target.initializeRecord({configuration})
  }

  const metadata = target.getMetadata()
  const required = ["locale", relationship.foreignKey(), ...translatedAttributesOf(model)]
  const missing = required.filter((attribute) => !metadata.columnFor(attribute))

  if (missing.length > 0) {
    throw new TranslationSetupError(`${model.name}.translates() needs the columns ${missing.map((each) => underscore(each)).join(", ")} on ${target.getTableName()} (the ${target.name} table); add them in a migration`)
  }
}
