import fs from "node:fs/promises"
import path from "node:path"
import type {CommandContext} from "../command.js"
import type Configuration from "../../configuration.js"
import type Record from "../../database/record/index.js"
import {modelByName} from "../../database/record/model-registry.js"
import {normalizeBackendProjects, type BackendProject, type FrontendModelResource} from "../../frontend-models/resource-config.js"
import {dasherize} from "../../utils/inflection.js"
import {frontendModelSource, type FrontendRelationship} from "../generators/frontend-models/frontend-model-source.js"
import {loadAppConfiguration} from "../load-app-configuration.js"
import {appLanguage} from "../support/app-language.js"

export const frontendModelsDirectory = "src/frontend-models"

/**
 * Reads the models when this app has them and its database answers: their columns type the
 * accessors in a TypeScript app. Without them (a frontend-only app) the classes are still whole, typed `unknown`.
 */
async function loadModels(configuration: Configuration, stderr: CommandContext["stderr"]): Promise<void> {
  if (!configuration.options.database) return

  try {
    await configuration.ensureGlobalConnections()
    await configuration.initializeModels()
  } catch (error) {
    stderr.write(`Could not read the models' columns (${(error as Error).message}); attribute types are left as unknown\n`)
  }
}

function relationshipsFor(project: BackendProject, resource: FrontendModelResource, model: typeof Record | undefined): FrontendRelationship[] {
  if (!model) return []

  const relationships: FrontendRelationship[] = []

  for (const relationship of model.getRelationships().values()) {
    let target: typeof Record

    try {
      target = relationship.targetModel()
    } catch {
      continue
    }

    if (project.resources.some((each) => each.modelName === target.name)) relationships.push({name: relationship.name, className: target.name, many: relationship.kind === "hasMany"})
  }

  return relationships
}

export default async function generateFrontendModels({cwd, stdout, stderr}: CommandContext): Promise<number> {
  const configuration = await loadAppConfiguration(cwd, {required: true}) as Configuration

  try {
    const projects = normalizeBackendProjects(configuration.options.backendProjects)

    if (projects.every((project) => project.resources.length === 0)) {
      stderr.write("No resources in backendProjects: add {path, resources: {User: {attributes: [\"id\", \"name\"], path: \"/api/frontend-models/users\"}}} to src/config/configuration\n")

      return 1
    }

    await loadModels(configuration, stderr)

    const typescript = await appLanguage(cwd) === "typescript"
    const directory = path.join(cwd, frontendModelsDirectory)

    await fs.mkdir(directory, {recursive: true})

    for (const project of projects) {
      for (const resource of project.resources) {
        const candidate = modelByName(resource.modelName)
        const model = candidate?.isInitialized() ? candidate : undefined
        const {source, skipped} = frontendModelSource({resource, model, relationships: relationshipsFor(project, resource, model), typescript})
        const file = path.join(directory, `${dasherize(resource.modelName)}.${typescript ? "ts" : "js"}`)
        const existing = await fs.readFile(file, "utf8").catch(() => undefined)

        // Regenerated on every run: the classes follow the configuration, and nobody edits them by hand.
        if (existing === source) {
          stdout.write(`Unchanged ${path.relative(cwd, file)}\n`)
        } else {
          await fs.writeFile(file, source)
          stdout.write(`${existing === undefined ? "Created" : "Updated"} ${path.relative(cwd, file)}\n`)
        }

        for (const name of skipped) stderr.write(`${resource.modelName}.${name}: no method generated (the name is one of FrontendModel's own); use readAttribute("${name}")\n`)
      }
    }

    return 0
  } finally {
    await configuration.close()
  }
}
