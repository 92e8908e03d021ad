import Configuration from "velocious/build/src/configuration.js"
import {httpSecurityFor} from "velocious/build/src/http-server/security/http-security.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../support/http-request.js"
import {useSecurityApp} from "./support/security-app.js"

describe("security headers and CORS", {timeoutSeconds: 60}, () => {
  const {start} = useSecurityApp("headers")

  it("sends Rails' default security headers on pages, JSON, errors and 404s; an action's own value wins", async () => {
    const port = await start()

    for (const path of ["/tasks/new", "/session", "/boom", "/nowhere"]) {
      const {headers} = await request(port, "GET", path)

      expect([path, headers["x-content-type-options"], headers["x-frame-options"], headers["referrer-policy"], headers["x-xss-protection"]])
        .toEqual([path, "nosniff", "SAMEORIGIN", "strict-origin-when-cross-origin", undefined])
    }

    expect((await request(port, "GET", "/framed")).headers["x-frame-options"]).toEqual("DENY")
  })

  it("takes changes to the defaults, drops one with false, and all with securityHeaders: false", async () => {
    const port = await start({securityHeaders: {"X-Frame-Options": "DENY", "referrer-policy": false, "Content-Security-Policy": "default-src 'self'", "X-XSS-Protection": "0"}})
    const {headers} = await request(port, "GET", "/session")

    expect(headers["x-xss-protection"]).toEqual("0")
    expect(headers["x-frame-options"]).toEqual("DENY")
    expect(headers["referrer-policy"]).toBeUndefined()
    expect(headers["content-security-policy"]).toEqual("default-src 'self'")
    expect(headers["x-content-type-options"]).toEqual("nosniff")

    const none = await request(await start({securityHeaders: false}), "GET", "/session")

    expect(Object.keys(none.headers).filter((name) => name.startsWith("x-") && name !== "x-request-id")).toEqual([])
    expect(none.headers["referrer-policy"]).toBeUndefined()
  })

  it("refuses header values with line breaks and non-boolean switches", () => {
    expect(() => httpSecurityFor(new Configuration({environment: "test", securityHeaders: {"x-frame-options": "DENY\r\nSet-Cookie: a=b"}}))).toThrow(/without line breaks/)
    // Checked with node's own header rules at boot, not on each response.
    expect(() => httpSecurityFor(new Configuration({environment: "test", securityHeaders: {"x-frame-options": "DENY\u0001"}}))).toThrow(/securityHeaders: Invalid character in header content \["x-frame-options"\]/)
    expect(() => httpSecurityFor(new Configuration({environment: "test", securityHeaders: {"x frame": "DENY"}}))).toThrow(/securityHeaders: 'x frame' is not a valid header name/)
    expect(() => httpSecurityFor(new Configuration({environment: "test", csrfProtection: "yes" as never}))).toThrow(/csrfProtection must be true or false/)
    expect(() => new Configuration({csrfprotection: true} as never)).toThrow(/Unknown option 'csrfprotection'.*Did you mean 'csrfProtection'/)
  })

  it("answers CORS preflights for allowed origins, and adds the headers to their requests", async () => {
    const port = await start({cors: {origins: ["https://app.example.com", /^https:\/\/[a-z]+\.partner\.example$/], credentials: true, exposeHeaders: ["X-Request-Id"], maxAge: 600}})
    const preflight = await request(port, "OPTIONS", "/tasks", {headers: {origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "content-type, x-csrf-token"}})

    expect(preflight.status).toBe(204)
    expect(preflight.headers["access-control-allow-origin"]).toEqual("https://app.example.com")
    expect(preflight.headers["access-control-allow-methods"]).toEqual("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
    expect(preflight.headers["access-control-allow-headers"]).toEqual("content-type, x-csrf-token")
    expect(preflight.headers["access-control-allow-credentials"]).toEqual("true")
    expect(preflight.headers["access-control-max-age"]).toEqual("600")
    expect(preflight.headers.vary).toMatch(/^Origin/)

    const actual = await request(port, "GET", "/session", {headers: {origin: "https://shop.partner.example"}})

    expect(actual.status).toBe(200)
    expect(actual.headers["access-control-allow-origin"]).toEqual("https://shop.partner.example")
    expect(actual.headers["access-control-expose-headers"]).toEqual("X-Request-Id")
    expect(actual.headers.vary).toEqual("Origin")

    const refused = await request(port, "OPTIONS", "/tasks", {headers: {origin: "https://evil.example", "access-control-request-method": "POST", accept: "application/json"}})

    expect(refused.status).toBe(403)
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined()
    expect((await request(port, "GET", "/session", {headers: {origin: "https://evil.example"}})).headers["access-control-allow-origin"]).toBeUndefined()
    // A same-origin request (no Origin header) gets no CORS headers.
    expect((await request(port, "GET", "/session")).headers["access-control-allow-origin"]).toBeUndefined()
  })

  it("limits methods and headers when told, and allows any origin with origins: \"*\"", async () => {
    const port = await start({cors: {origins: "*", methods: ["GET"], headers: ["content-type"]}})
    const ask = (method: string, headers = "content-type") => request(port, "OPTIONS", "/tasks", {headers: {origin: "https://anyone.example", "access-control-request-method": method, "access-control-request-headers": headers}})

    expect((await ask("GET")).headers["access-control-allow-origin"]).toEqual("*")
    expect((await ask("GET")).headers.vary).toBeUndefined()
    expect((await ask("DELETE")).status).toBe(403)
    expect((await ask("GET", "authorization")).status).toBe(403)
    // Without cors configured, OPTIONS is an unrouted request as before.
    expect((await request(await start(), "OPTIONS", "/tasks", {headers: {origin: "https://anyone.example", "access-control-request-method": "GET"}})).status).toBe(404)
  })

  it("asks an origins function, and joins an action's Vary with its own", async () => {
    const port = await start({cors: {origins: (origin: string) => origin.endsWith(".trusted.example")}})
    const allowed = await request(port, "GET", "/session", {headers: {origin: "https://a.trusted.example"}})

    expect(allowed.headers["access-control-allow-origin"]).toEqual("https://a.trusted.example")
    expect((await request(port, "GET", "/session", {headers: {origin: "https://trusted.example.evil"}})).headers["access-control-allow-origin"]).toBeUndefined()

    const {writeResponse} = await import("velocious/build/src/http-server/write-response.js")
    const {default: Response} = await import("velocious/build/src/http-server/response.js")
    const written: Record<string, unknown> = {}
    const outgoing = {writeHead: (_status: number, headers: unknown[]) => { for (let index = 0; index < headers.length; index += 2) written[headers[index] as string] = headers[index + 1] }, end: () => {}}

    writeResponse(outgoing as never, new Response().setHeader("Vary", "Accept"), {corsHeaders: {"access-control-allow-origin": "https://a.trusted.example", vary: "Origin"}})

    expect(written.vary).toEqual("Origin, Accept")
  })

  it("refuses cors options that would not work", () => {
    const check = (cors: unknown) => () => httpSecurityFor(new Configuration({environment: "test", cors: cors as never}))

    expect(check({origins: "*", credentials: true})).toThrow(/credentials: true cannot be combined with origins: "\*"/)
    expect(check({origins: ["https://app.example.com/path"]})).toThrow(/is not an origin/)
    expect(check({origins: []})).toThrow(/origins must be/)
    expect(check({origin: "*"})).toThrow(/Unknown option 'origin' given to cors/)
  })
})
