import Configuration from "velocious/build/src/configuration.js"
import HttpServer from "velocious/build/src/http-server/http-server.js"
import {loadAppRoutes} from "velocious/build/src/http-server/load-app-routes.js"
import {BadRequestError} from "velocious/build/src/http-server/errors.js"
import {parseMultipart} from "velocious/build/src/http-server/parse-multipart.js"
import UploadedFile from "velocious/build/src/http-server/uploaded-file.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "./support/http-request.js"
import {writeServerApp} from "./support/server-app.js"
import {TempApp} from "./support/temp-app.js"

const boundary = "----velociousBoundary7MA4YWxk"
const contentType = `multipart/form-data; boundary=${boundary}`

type Part = {name: string, value: string | Buffer, filename?: string, type?: string}

function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = []

  for (const part of parts) {
    const filename = part.filename === undefined ? "" : `; filename="${part.filename}"`
    const type = part.type ? `\r\nContent-Type: ${part.type}` : ""

    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`), Buffer.from(part.value), Buffer.from("\r\n"))
  }

  chunks.push(Buffer.from(`--${boundary}--\r\n`))

  return Buffer.concat(chunks)
}

describe("HTTP server - multipart/form-data bodies", () => {
  let app: TempApp
  let server: HttpServer
  let port: number

  beforeAll(async () => {
    app = new TempApp("http-multipart")
    writeServerApp(app)

    const configuration = new Configuration({directory: app.directory, environment: "test", logging: {console: false}})

    await configuration.initialize()
    server = new HttpServer({configuration, routes: await loadAppRoutes(app.directory), port: 0, maxBodyBytes: 64 * 1024})
    port = (await server.start()).port
  })

  afterAll(async () => {
    await server?.stop()
    app?.remove()
  })

  it("puts text fields (nested names too) and files into params", async () => {
    const body = multipart([
      {name: "account[name]", value: "Ada"},
      {name: "account[tags][]", value: "a"},
      {name: "account[tags][]", value: "b"},
      {name: "note", value: "line 1\r\nline 2 – ünïcode"},
      {name: "account[avatar]", value: "PNG DATA\r\n--not-a-boundary", filename: "me.png", type: "image/png"},
      {name: "empty", value: "", filename: ""}
    ])
    const response = await request(port, "POST", "/upload?from=query", {body, headers: {"content-type": contentType}})

    expect(response.status).toEqual(200)
    expect(JSON.parse(response.body)).toEqual({
      from: "query",
      account: {
        name: "Ada",
        tags: ["a", "b"],
        avatar: {name: "me.png", filename: "me.png", type: "image/png", size: 26, text: "PNG DATA\r\n--not-a-boundary"}
      },
      note: "line 1\r\nline 2 – ünïcode"
    })
  })

  it("keeps binary file content byte for byte and defaults the type", () => {
    const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255, 254])
    const params = parseMultipart(multipart([{name: "file", value: bytes, filename: "blob.bin"}]), `multipart/form-data; boundary="${boundary}"`)
    const file = params.file as UploadedFile

    expect(file instanceof UploadedFile).toBe(true)
    expect(file.buffer.equals(bytes)).toBe(true)
    expect(file.size).toEqual(9)
    expect(file.type).toEqual("application/octet-stream")
    expect(JSON.stringify(file)).toEqual("{\"name\":\"blob.bin\",\"filename\":\"blob.bin\",\"type\":\"application/octet-stream\",\"size\":9}")
  })

  it("drops __proto__ names", () => {
    const params = parseMultipart(multipart([{name: "__proto__[admin]", value: "1"}, {name: "ok", value: "1"}]), contentType)

    expect(params).toEqual({ok: "1"})
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it("answers 400 with a message to malformed bodies", async () => {
    const cases: [string, string, RegExp][] = [
      ["multipart/form-data", multipart([{name: "a", value: "1"}]).toString(), /needs a boundary parameter/],
      [contentType, "no boundary here", /never appears in the body/],
      [contentType, `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated`, /ends before the closing boundary/],
      [contentType, `--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--`, /Content-Disposition/],
      [contentType, `--${boundary}\r\nContent-Disposition: form-data; filename="x"\r\n\r\nx\r\n--${boundary}--`, /has no name/],
      [contentType, `--${boundary}\r\nContent-Disposition: form-data; name="a"`, /headers never end/]
    ]

    for (const [type, body, message] of cases) {
      const response = await request(port, "POST", "/upload", {body, headers: {"content-type": type, accept: "application/json"}})

      expect(response.status).toEqual(400)
      expect(JSON.parse(response.body).error).toMatch(message)
    }

    expect(() => parseMultipart(Buffer.from("x"), contentType)).toThrow(BadRequestError)
  })

  it("answers 413 to a multipart body over the body limit", async () => {
    const body = multipart([{name: "file", value: Buffer.alloc(70 * 1024, 1), filename: "big.bin"}])
    const response = await request(port, "POST", "/upload", {body, headers: {"content-type": contentType, accept: "application/json"}})

    expect(response.status).toEqual(413)
  })
})
