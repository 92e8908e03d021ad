import {describe, it, expect, afterEach} from "velocious/build/src/testing/test.js"
import Configuration from "velocious/build/src/configuration.js"
import NodeEnvironmentHandler from "velocious/build/src/environment-handlers/node.js"
import {UnknownOptionError} from "velocious/build/src/utils/check-keys.js"

const savedEnv = {VELOCIOUS_ENV: process.env.VELOCIOUS_ENV, NODE_ENV: process.env.NODE_ENV}

function restoreEnv() {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}

describe("Configuration", () => {
  afterEach(restoreEnv)

  it("accepts every option the README documents", () => {
    const configuration = new Configuration({
      database: {test: {default: {type: "sqlite", name: ":memory:"}}},
      environmentHandler: new NodeEnvironmentHandler(),
      logging: {console: false, file: true, directory: "/custom/logs", filePath: "/tmp/app.log"},
      locale: () => "en",
      locales: ["en"],
      localeFallbacks: {en: ["en"]},
      cookieSecret: "secret",
      structureSql: {disabledEnvironments: ["test"]},
      backgroundJobs: {host: "127.0.0.1", port: 7331, databaseIdentifier: "default"},
      mailerBackend: {},
      backendProjects: [{path: "/path/to/backend-project", resources: {}}],
      websocketChannelResolver: () => undefined,
      websocketMessageHandlerResolver: () => undefined,
      abilityResolver: () => undefined,
      debug: true
    })

    expect(configuration.isDebug()).toBe(true)
    expect(configuration.options.cookieSecret).toBe("secret")
  })

  it("rejects an unknown option, naming it and the closest valid one", () => {
    expect(() => new Configuration({loging: {}} as never)).toThrow(UnknownOptionError)
    expect(() => new Configuration({loging: {}} as never)).toThrow("Unknown option 'loging' given to new Configuration(). Did you mean 'logging'?")
  })

  it("takes the environment from VELOCIOUS_ENV, then NODE_ENV, then development", () => {
    process.env.VELOCIOUS_ENV = "staging"
    process.env.NODE_ENV = "production"
    expect(new Configuration().getEnvironment()).toBe("staging")

    delete process.env.VELOCIOUS_ENV
    expect(new Configuration().getEnvironment()).toBe("production")

    delete process.env.NODE_ENV
    expect(new Configuration().getEnvironment()).toBe("development")
  })

  it("lets an explicit environment option win", () => {
    process.env.VELOCIOUS_ENV = "staging"

    expect(new Configuration({environment: "test"}).getEnvironment()).toBe("test")
  })

  it("sets and returns the current configuration", () => {
    const configuration = new Configuration({environment: "test"})

    expect(configuration.setCurrent()).toBe(configuration)
    expect(Configuration.current()).toBe(configuration)
  })

  it("uses the working directory as app directory unless given", () => {
    expect(new Configuration().getDirectory()).toBe(process.cwd())
    expect(new Configuration({directory: "/srv/app"}).getDirectory()).toBe("/srv/app")
  })

  it("sets up the Node environment handler on initialize", async () => {
    const configuration = new Configuration({environment: "test"})

    expect(configuration.hasEnvironmentHandler()).toBe(false)
    await configuration.initialize()
    expect(configuration.getEnvironmentHandler().getName()).toBe("node")
  })

  it("toggles debug", () => {
    const configuration = new Configuration()

    expect(configuration.isDebug()).toBe(false)
    configuration.setDebug(true)
    expect(configuration.isDebug()).toBe(true)
  })
})

describe("Configuration - error events", () => {
  it("emits framework-error and all-error with errorType, as the README shows", () => {
    const configuration = new Configuration()
    const seen: string[] = []
    const error = new Error("controller blew up")

    configuration.getErrorEvents().on("framework-error", ({error, request, response, context}) => {
      seen.push(`framework-error ${(error as Error).message} ${String(request)} ${String(response)} ${JSON.stringify(context)}`)
    })
    configuration.getErrorEvents().on("all-error", ({error, errorType}) => {
      seen.push(`all-error ${errorType} ${(error as Error).message}`)
    })

    configuration.getErrorEvents().reportFrameworkError({error, request: "req", response: "res", context: {action: "create"}})

    expect(seen.join("\n")).toBe([
      `framework-error controller blew up req res {"action":"create"}`,
      "all-error framework-error controller blew up"
    ].join("\n"))
  })

  it("reports other error types only on all-error", () => {
    const configuration = new Configuration()
    const seen: string[] = []

    configuration.getErrorEvents().on("framework-error", () => seen.push("framework-error"))
    configuration.getErrorEvents().on("all-error", ({errorType}) => seen.push(errorType))
    configuration.getErrorEvents().report("background-job-error", {error: new Error("x")})

    expect(seen.join(",")).toBe("background-job-error")
  })

  it("does not throw when nobody listens", () => {
    new Configuration().getErrorEvents().reportFrameworkError({error: new Error("unheard")})
  })
})
