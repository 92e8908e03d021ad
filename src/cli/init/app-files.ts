import type {TemplateContext} from "./template-context.js"
import {configurationTemplate} from "./templates/configuration.js"
import {gitignoreTemplate} from "./templates/gitignore.js"
import {rootControllerTemplate} from "./templates/root-controller.js"
import {rootRequestSpecTemplate} from "./templates/root-request-spec.js"
import {rootViewTemplate} from "./templates/root-view.js"
import {routesTemplate} from "./templates/routes.js"
import {testingConfigTemplate} from "./templates/testing-config.js"
import {tsconfigTemplate} from "./templates/tsconfig.js"

export interface AppFile {
  /** Relative to the app root, with forward slashes. */
  path: string
  source: string
  /**
   * App code the CLI finds as either .js or .ts: an existing file in the other language
   * counts as this one, so init never adds a second configuration beside the first.
   */
  eitherLanguage?: boolean
}

/** Folders that start empty; a .gitkeep makes git keep them in a fresh clone. */
export const emptyAppDirectories = ["src/models", "src/database/migrations", "db"]

/** Every file `velocious init` writes, in the order it reports them. */
export function appFiles(context: TemplateContext): AppFile[] {
  const source = (base: string, template: (context: TemplateContext) => string): AppFile => ({path: `${base}.${context.extension}`, source: template(context), eitherLanguage: true})

  return [
    source("src/config/configuration", configurationTemplate),
    source("src/config/routes", routesTemplate),
    source("src/config/testing", testingConfigTemplate),
    source("src/routes/_root/controller", rootControllerTemplate),
    {path: "src/routes/_root/index.ejs", source: rootViewTemplate(context)},
    source("spec/requests/root-spec", rootRequestSpecTemplate),
    {path: ".gitignore", source: gitignoreTemplate()},
    ...context.typescript ? [{path: "tsconfig.json", source: tsconfigTemplate()}] : []
  ]
}
