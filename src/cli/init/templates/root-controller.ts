import {lines, type TemplateContext} from "../template-context.js"

/** src/routes/_root/controller.(js|ts): top-level routes; `index` serves `/`. */
export function rootControllerTemplate(_context: TemplateContext): string {
  return lines(
    `import Controller from "velocious/build/src/controller.js"`,
    ``,
    `export default class RootController extends Controller {`,
    `  // Renders index.ejs beside this file, with these locals.`,
    `  async index() {`,
    `    this.assignView({environment: this.getConfiguration().getEnvironment(), nodeVersion: process.version})`,
    `  }`,
    `}`
  )
}
