import {lines, type TemplateContext} from "../template-context.js"

/** src/config/testing.(js|ts): run once by `velocious test` before the test files load. */
export function testingConfigTemplate(_context: TemplateContext): string {
  return lines(
    `import {configureTests} from "velocious/build/src/testing/test.js"`,
    ``,
    `// \`npx velocious test\` calls this once, before loading the test files.`,
    `export default async function configureTesting() {`,
    `  // excludeTags: tags that never run, e.g. ["slow"]; defaultTimeoutSeconds: the limit per test.`,
    `  configureTests({excludeTags: [], defaultTimeoutSeconds: 60})`,
    ``,
    `  // Suite-wide hooks go here too (import them from "velocious/build/src/testing/test.js"):`,
    `  // beforeAll(async () => { ... })`,
    `  // afterAll(async () => { ... })`,
    `}`
  )
}
