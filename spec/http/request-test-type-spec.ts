import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {lines, TempApp} from "./support/temp-app.js"

// The README's "Writing a request test", run as an app would run it: a SQLite app, db:create,
// db:migrate, then `velocious test` in the app folder.
describe("request tests ({type: \"request\"})", {timeoutSeconds: 120}, () => {
  let app: TempApp

  beforeAll(async () => {
    app = new TempApp("request-tests")
    app.write("src/config/configuration.js", lines(
      "import Configuration from \"velocious/build/src/configuration.js\"",
      "export default new Configuration({",
      "  logging: {console: false},",
      "  cookieSecret: \"request test secret\",",
      "  database: {test: {default: {type: \"sqlite\", name: \"test\"}}}",
      "})"
    ))
    app.write("src/config/routes.js", lines(
      "import Routes from \"velocious/build/src/routes/index.js\"",
      "const routes = new Routes()",
      "routes.draw((route) => {",
      "  route.resources(\"accounts\")",
      "  route.get(\"whoami\")",
      "  route.post(\"login\")",
      "})",
      "export default {routes}"
    ))
    app.write("src/models/account.js", lines(
      "import Record from \"velocious/build/src/database/record/index.js\"",
      "class Account extends Record {}",
      "export default Account"
    ))
    app.write("src/database/migrations/20250101000000-create-accounts.js", lines(
      "import Migration from \"velocious/build/src/database/migration/index.js\"",
      "export default class CreateAccounts extends Migration {",
      "  async up() { await this.createTable(\"accounts\", (t) => { t.string(\"name\"); t.timestamps() }) }",
      "  async down() { await this.dropTable(\"accounts\") }",
      "}"
    ))
    app.write("src/routes/accounts/controller.js", lines(
      "import Controller from \"velocious/build/src/controller.js\"",
      "import Account from \"../../models/account.js\"",
      "export default class AccountsController extends Controller {",
      "  async create() {",
      "    const account = await Account.create({name: this.params().account.name})",
      "    this.renderJson({status: \"success\", id: account.id()})",
      "  }",
      "  async show() {",
      "    const account = await Account.find(this.params().id)",
      "    this.renderJson({name: account.name()})",
      "  }",
      "}"
    ))
    app.write("src/routes/_root/controller.js", lines(
      "import Controller from \"velocious/build/src/controller.js\"",
      "export default class RootController extends Controller {",
      "  async login() { this.setCookie(\"user\", this.params().name, {encrypted: true, httpOnly: true}); this.renderJson({ok: true}) }",
      "  async whoami() { this.renderJson({user: this.getCookies().find((cookie) => cookie.name() === \"user\")?.value() ?? null}) }",
      "}"
    ))
    // Verbatim from the README.
    app.write("src/routes/accounts/create-test.js", lines(
      "import {describe, expect, it} from \"velocious/build/src/testing/test.js\"",
      "import Account from \"../../models/account.js\"",
      "",
      "describe(\"accounts - create\", {type: \"request\"}, async () => {",
      "  it(\"creates an account\", async ({client}) => {",
      "    const response = await client.post(\"/accounts\", {account: {name: \"My event company\"}})",
      "",
      "    expect(response.statusCode()).toEqual(200)",
      "    expect(response.contentType()).toEqual(\"application/json\")",
      "",
      "    const data = JSON.parse(response.body())",
      "",
      "    expect(data.status).toEqual(\"success\")",
      "",
      "    const createdAccount = await Account.last()",
      "",
      "    expect(createdAccount).toHaveAttributes({",
      "      name: \"My event company\"",
      "    })",
      "  })",
      "})"
    ))
    app.write("src/routes/accounts/more-test.js", lines(
      "import {describe, expect, it} from \"velocious/build/src/testing/test.js\"",
      "import Account from \"../../models/account.js\"",
      "",
      "describe(\"accounts - more\", {type: \"request\"}, () => {",
      "  it(\"shows a record created in the test\", async ({client}) => {",
      "    const account = await Account.create({name: \"Shown\"})",
      "    const response = await client.get(`/accounts/${account.id()}`)",
      "",
      "    expect(response.json()).toEqual({name: \"Shown\"})",
      "    expect(response.header(\"content-length\")).toEqual(String(response.body().length))",
      "  })",
      "",
      "  it(\"keeps cookies between requests of one test\", async ({client}) => {",
      "    await client.post(\"/login\", {name: \"ann\"})",
      "    expect((await client.get(\"/whoami\")).json()).toEqual({user: \"ann\"})",
      "  })",
      "",
      "  it(\"gives each test a fresh client\", async ({client}) => {",
      "    expect((await client.get(\"/whoami\")).json()).toEqual({user: null})",
      "  })",
      "",
      "  it(\"fails like any test when an expectation fails\", async ({client}) => {",
      "    expect((await client.get(\"/nope\")).statusCode()).toEqual(200)",
      "  })",
      "})"
    ))

    for (const command of [["db:create"], ["db:migrate"]]) {
      const result = await app.run(command)

      if (result.code !== 0) throw new Error(`velocious ${command.join(" ")} failed: ${result.stdout}${result.stderr}`)
    }
  })

  afterAll(() => {
    app?.remove()
  })

  it("boots the app once, hands {client} to request tests and closes the server after the run", async () => {
    const {code, stdout, stderr} = await app.run(["test"])
    const output = `${stdout}${stderr}`

    expect(output).toMatch(/4 passed, 1 failed\s*$/)
    expect(output).toContain("fails like any test when an expectation fails")
    expect(output).toContain("404")
    expect(code).toEqual(1)
  })

  it("runs the README example alone", async () => {
    const {code, stdout, stderr} = await app.run(["test", "src/routes/accounts/create-test.js"])

    expect(`${stdout}${stderr}`).toMatch(/1 passed, 0 failed\s*$/)
    expect(code).toEqual(0)
  })
})
