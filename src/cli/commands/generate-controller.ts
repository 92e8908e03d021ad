import fs from "node:fs/promises"
import path from "node:path"
import type {CommandContext} from "../command.js"
import {appLanguage} from "../support/app-language.js"
import {controllerPlan, GeneratorNameError, type ControllerPlan} from "../generators/controller/names.js"
import {generatedRoutes, routeStatements} from "../generators/controller/route-lines.js"
import {addRoutes} from "../generators/controller/routes-file-editor.js"
import {controllerSource, viewSource} from "../generators/controller/templates.js"
import {writeNewFile} from "../support/write-new-file.js"
import {routesDirectory} from "../../http-server/controller-loader.js"
import {routesFileBase} from "../../http-server/load-app-routes.js"
import {findAppFile} from "../../utils/app-file.js"

const usage = "Usage: velocious g:controller <name> [action ...], e.g. velocious g:controller tasks index show (or admin/users index)\n"

/** Adds the actions' routes to src/config/routes.(js|ts), or says what to add when it cannot edit the file safely. */
async function updateRoutesFile(plan: ControllerPlan, cwd: string, extension: string, stdout: CommandContext["stdout"]): Promise<void> {
  const routes = generatedRoutes(plan)

  if (routes.length === 0) return

  const file = findAppFile(cwd, routesFileBase)
  const manual = routeStatements("route", plan.namespaces, routes).map((line) => `  ${line}\n`).join("")

  if (!file) {
    stdout.write(`No ${routesFileBase}.${extension}: create it (see \`velocious init\`) and add inside routes.draw((route) => { ... }):\n${manual}`)

    return
  }

  const shown = path.relative(cwd, file)
  const edit = addRoutes(await fs.readFile(file, "utf8"), plan.namespaces, routes)

  if (edit.kind === "updated") {
    await fs.writeFile(file, edit.source)
    stdout.write(`Updated ${shown}\n`)
  } else if (edit.kind === "unchanged") {
    stdout.write(`Skipped ${shown} (routes exist)\n`)
  } else {
    stdout.write(`Did not change ${shown}: ${edit.reason}. Add inside routes.draw((route) => { ... }):\n${manual}`)
  }
}

/** Generators never overwrite, so name the actions the existing controller seems to lack. */
async function reportExistingController(file: string, plan: ControllerPlan, cwd: string, stdout: CommandContext["stdout"]): Promise<void> {
  const source = await fs.readFile(file, "utf8")
  const missing = plan.actions.filter((action) => !new RegExp(`(^|[\\s;}])(async\\s+)?${action.method}\\s*\\(`, "m").test(source))
  const hint = missing.length > 0 ? `; add ${missing.map((action) => `${action.method}()`).join(", ")} to it yourself` : ""

  stdout.write(`Skipped ${path.relative(cwd, file)} (exists${hint})\n`)
}

/** `velocious g:controller tasks index show`: controller, one view per action, and GET routes to them. */
export default async function generateController({cwd, positionals, stdout, stderr}: CommandContext): Promise<number> {
  const [rawName, ...rawActions] = positionals

  if (!rawName) {
    stderr.write(usage)

    return 2
  }

  let plan: ControllerPlan

  try {
    plan = controllerPlan(rawName, rawActions)
  } catch (error) {
    if (!(error instanceof GeneratorNameError)) throw error

    stderr.write(`${error.message}\n${usage}`)

    return 2
  }

  const extension = await appLanguage(cwd) === "typescript" ? "ts" : "js"
  const folder = path.join(cwd, routesDirectory, plan.folder)
  const existingController = findAppFile(cwd, `${routesDirectory}/${plan.folder}/controller`)

  // A controller in the other language counts as existing: two would shadow each other.
  if (existingController) await reportExistingController(existingController, plan, cwd, stdout)
  else await writeNewFile(path.join(folder, `controller.${extension}`), controllerSource(plan, extension === "ts" ? "typescript" : "javascript"), {cwd, stdout})

  for (const action of plan.actions) {
    const view = path.join(folder, `${action.dashed}.ejs`)

    await writeNewFile(view, viewSource(plan, action, path.relative(cwd, view)), {cwd, stdout})
  }

  await updateRoutesFile(plan, cwd, extension, stdout)

  return 0
}
