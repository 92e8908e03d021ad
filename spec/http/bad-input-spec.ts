import Configuration from "velocious/build/src/configuration.js"
import HttpServer, {defaultMaxBodyBytes} from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {rawExchange, request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {TempApp} from "./support/temp-app.js"

describe("HTTP server - bad input", () => {
  let app: TempApp
  let server: HttpServer
  let port: number

  beforeAll(async () => {
    app = new TempApp("http-bad-input")
    writeServerApp(app)

    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}})

    await configuration.initialize()
    server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0, maxBodyBytes: 1024})
    port = (await server.start()).port
  })

  afterAll(async () => {
    await server?.stop()
    app?.remove()
  })

  it("limits bodies to 10 MB unless configured", () => {
    expect(defaultMaxBodyBytes).toEqual(10 * 1024 * 1024)
  })

  it("refuses a body limit that is not a number of 0 or more, naming the option", async () => {
    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}})
    const routes = await loadAppRoutes(app.directory)

    expect(() => new HttpServer({configuration, routes, maxBodyBytes: -1})).toThrow("new HttpServer(): maxBodyBytes must be a number of 0 or more, got -1")
    expect(() => new HttpServer({configuration, routes, maxBodyBytes: "10mb" as unknown as number})).toThrow("maxBodyBytes must be a number of 0 or more, got '10mb'")
    expect(() => new HttpServer({configuration, routes, shutdownTimeoutMs: Number.NaN})).toThrow("shutdownTimeoutMs must be a number of 0 or more, got NaN")
  })

  it("answers 413 to a body over the limit, by Content-Length and by counting a chunked body", async () => {
    const declared = await request(port, "POST", "/projects", {body: "x".repeat(2000), headers: {"content-type": "text/plain", accept: "application/json"}})

    expect(declared.status).toEqual(413)
    expect(JSON.parse(declared.body).error).toEqual("The request body is larger than the limit of 1024 bytes")

    // Two 600-byte chunks (0x258): no Content-Length, so the limit is found by counting.
    const chunk = "y".repeat(600)
    const chunked = await rawExchange(port, `POST /projects HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`)

    expect(chunked).toMatch(/^HTTP\/1\.1 413 /)
    expect(chunked).toMatch(/connection: close/i)
    expect((await request(port, "GET", "/ping")).status).toEqual(200)
  })

  it("answers 400 with a message to invalid JSON", async () => {
    const response = await request(port, "POST", "/projects", {body: "{\"project\": ", headers: {"content-type": "application/json"}})

    expect(response.status).toEqual(400)
    expect(JSON.parse(response.body).error).toMatch(/^The request body is not valid JSON: /)
  })

  it("keeps a JSON body that is not an object under _json", async () => {
    const response = await request(port, "POST", "/projects", {body: "[1,2]", headers: {"content-type": "application/json"}})

    expect(JSON.parse(response.body).params).toEqual({_json: [1, 2]})
  })

  it("answers 400 with a message to a malformed multipart body", async () => {
    const response = await request(port, "POST", "/projects", {body: "--b\r\n\r\n--b--", headers: {"content-type": "multipart/form-data; boundary=b", accept: "application/json"}})

    expect(response.status).toEqual(400)
    expect(JSON.parse(response.body).error).toMatch(/^Malformed multipart\/form-data body: /)
  })

  it("ignores __proto__ keys in query and form params", async () => {
    const response = await request(port, "POST", "/projects?__proto__[polluted]=1&a[constructor][x]=1", {
      body: "project[__proto__][admin]=1&project[name]=ok",
      headers: {"content-type": "application/x-www-form-urlencoded"}
    })

    expect(JSON.parse(response.body).params).toEqual({project: {name: "ok"}})
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it("answers malformed HTTP with 400 and keeps serving", async () => {
    const garbage = await rawExchange(port, "THIS IS NOT HTTP\r\n\r\n")

    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request/)

    const badHeader = await rawExchange(port, "GET /ping HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n")

    expect(badHeader).toMatch(/^HTTP\/1\.1 400 Bad Request/)
    expect((await request(port, "GET", "/ping")).status).toEqual(200)
  })

  it("answers 400 to a path with broken percent-encoding", async () => {
    const response = await request(port, "GET", "/projects/%E0%A4%A", {headers: {accept: "application/json"}})

    expect(response.status).toEqual(400)
    expect(JSON.parse(response.body).error).toContain("invalid percent-encoding")
  })

  it("never reaches files outside the route table: traversal paths are plain 404s", async () => {
    for (const path of ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/testing/..%2f..%2fconfig%2fconfiguration", "/src/config/configuration.js", "/_root/controller"]) {
      const response = await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n`)

      expect(response).toMatch(/^HTTP\/1\.1 404 /)
    }

    // A param may hold anything; it is only ever a value, never part of a file path.
    const show = await request(port, "GET", "/projects/..%2F..%2Fetc%2Fpasswd")

    expect(JSON.parse(show.body)).toEqual({id: "../../etc/passwd", method: "GET"})
  })
})
