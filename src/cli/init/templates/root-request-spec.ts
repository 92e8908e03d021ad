import {lines, type TemplateContext} from "../template-context.js"

/** spec/requests/root-spec.(js|ts): a request test of the welcome page (the same source in both languages). */
export function rootRequestSpecTemplate(_context: TemplateContext): string {
  return lines(
    `import {describe, expect, it} from "velocious/build/src/testing/test.js"`,
    ``,
    `// {type: "request"} starts the app on a free port and gives each test a \`client\`.`,
    `describe("the root page", {type: "request"}, () => {`,
    `  it("welcomes visitors", async ({client}) => {`,
    `    const response = await client.get("/")`,
    ``,
    `    expect(response.statusCode()).toEqual(200)`,
    `    expect(response.contentType()).toEqual("text/html")`,
    `    expect(response.body()).toContain("Welcome to Velocious")`,
    `  })`,
    `})`
  )
}
