import type {ActionPlan, ControllerPlan} from "./names.js"

export function controllerSource(plan: ControllerPlan, language: "typescript" | "javascript"): string {
  const returnType = language === "typescript" ? ": Promise<void>" : ""
  const methods = plan.actions.map((action) => [
    `  async ${action.method}()${returnType} {`,
    `    this.render()`,
    `  }`
  ].join("\n"))

  return [
    `import Controller from "velocious/build/src/controller.js"`,
    ``,
    `export default class ${plan.className} extends Controller {`,
    methods.join("\n\n"),
    `}`,
    ``
  ].filter((line, index) => index !== 3 || methods.length > 0).join("\n")
}

/** A placeholder page, like Rails' "Find me in app/views/...". */
export function viewSource(plan: ControllerPlan, action: ActionPlan, viewPath: string): string {
  return [
    `<h1>${plan.folder}#${action.method}</h1>`,
    `<p>Find me in ${viewPath}</p>`,
    ``
  ].join("\n")
}
