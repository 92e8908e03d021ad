import {lines, type TemplateContext} from "../template-context.js"

/** src/config/routes.(js|ts): just the welcome page at `/`. */
export function routesTemplate({extension}: TemplateContext): string {
  return lines(
    `import Routes from "velocious/build/src/routes/index.js"`,
    ``,
    `const routes = new Routes()`,
    ``,
    `routes.draw((route) => {`,
    `  // GET / → the index action of src/routes/_root/controller.${extension}`,
    `  route.root()`,
    ``,
    `  // route.resources("tasks") → src/routes/tasks/controller.${extension} (index, show, create, update, destroy, ...)`,
    `})`,
    ``,
    `export default {routes}`
  )
}
