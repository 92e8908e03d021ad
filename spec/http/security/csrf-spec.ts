import {describe, expect, it} from "velocious/build/src/testing/test.js"
import WebsocketClient from "velocious/build/src/http-client/websocket-client.js"
import WebSocket from "ws"
import {request} from "../support/http-request.js"
import {CookieJar, formToken, metaToken, useSecurityApp} from "./support/security-app.js"

const form = {"content-type": "application/x-www-form-urlencoded"}

describe("CSRF protection", {timeoutSeconds: 60}, () => {
  const {start} = useSecurityApp("csrf")

  /** A browser that loaded the form: it has the session cookie and the page's token. */
  async function browserWithForm(port: number): Promise<{jar: CookieJar, html: string}> {
    const jar = new CookieJar()
    const page = await jar.request(port, "GET", "/tasks/new")

    expect(page.status).toBe(200)
    expect(page.headers["set-cookie"]?.[0]).toMatch(/^_velocious_session=v1\./)

    return {jar, html: page.body}
  }

  it("refuses a cookie-carrying form post without a token with 422, and accepts the form's token", async () => {
    const port = await start()
    const {jar, html} = await browserWithForm(port)

    const forged = await jar.request(port, "POST", "/tasks", {body: "task[name]=evil", headers: {...form, accept: "application/json"}})

    expect(forged.status).toBe(422)
    expect(JSON.parse(forged.body).error).toMatch(/Can't verify CSRF token authenticity/)

    const token = formToken(html)
    const posted = await jar.request(port, "POST", "/tasks", {body: `task[name]=mine&authenticity_token=${encodeURIComponent(token)}`, headers: form})

    expect(posted.status).toBe(201)
    expect(JSON.parse(posted.body).created).toEqual({name: "mine"})
  })

  it("accepts the meta tag's token in X-CSRF-Token (also for DELETE), and masks the token differently on every page", async () => {
    const port = await start()
    const {jar, html} = await browserWithForm(port)
    const token = metaToken(html)

    expect(token).not.toEqual(formToken(html))
    expect(html).toContain("<meta name=\"csrf-param\" content=\"authenticity_token\" />")

    const deleted = await jar.request(port, "DELETE", "/tasks/5", {headers: {"x-csrf-token": token}})

    expect(deleted.status).toBe(200)
    expect(JSON.parse(deleted.body)).toEqual({destroyed: "5"})
    expect((await jar.request(port, "DELETE", "/tasks/5")).status).toBe(422)
  })

  it("refuses a token from another session, a changed token and a wrong Origin", async () => {
    const port = await start()
    const first = await browserWithForm(port)
    const second = await browserWithForm(port)
    const token = formToken(first.html)
    const post = (jar: CookieJar, value: string, headers: Record<string, string> = {}) => jar.request(port, "POST", "/tasks", {body: `authenticity_token=${encodeURIComponent(value)}`, headers: {...form, ...headers}})

    expect((await post(second.jar, token)).status).toBe(422)
    expect((await post(first.jar, `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`)).status).toBe(422)
    expect((await post(first.jar, "short")).status).toBe(422)
    expect((await post(first.jar, token, {origin: "https://evil.example"})).status).toBe(422)
    expect((await post(first.jar, token, {origin: `http://127.0.0.1:${port}`})).status).toBe(201)
  })

  it("does not check JSON requests, requests without cookies, websocket requests, or skipForgeryProtection actions", async () => {
    const port = await start()
    const {jar} = await browserWithForm(port)
    const cookie = jar.header()!

    // A JSON body cannot come from a cross-site form; cross-site fetch() with it needs a CORS preflight.
    expect((await request(port, "POST", "/tasks", {body: JSON.stringify({task: {name: "api"}}), headers: {cookie, "content-type": "application/json"}})).status).toBe(201)
    expect((await request(port, "POST", "/tasks", {body: "{}", headers: {cookie, "content-type": "application/vnd.api+json"}})).status).toBe(201)
    // No cookie, no login to ride on (an API client with a bearer token).
    expect((await request(port, "POST", "/tasks", {body: "task[name]=x", headers: form})).status).toBe(201)
    expect((await request(port, "POST", "/webhook", {body: "a=1", headers: {cookie, ...form}})).status).toBe(200)
    // text/plain is a form encoding too.
    expect((await request(port, "POST", "/tasks", {body: "x", headers: {cookie, "content-type": "text/plain"}})).status).toBe(422)

    // The browser sends the session cookie with the upgrade; the request then rides on the connection.
    class CookieWebSocket extends WebSocket {
      constructor(url: string) { super(url, {headers: {cookie}}) }
    }
    const client = new WebsocketClient({url: `ws://127.0.0.1:${port}/websocket`, reconnect: false, WebSocket: CookieWebSocket as never})

    try {
      await client.connect()

      const response = await client.post("/tasks", "plain text body")

      expect(response.statusCode).toBe(201)
      expect(response.headers["x-frame-options"]).toBeUndefined()
    } finally {
      await client.close()
    }
  })

  it("refuses a websocket upgrade that carries cookies from another site's page (cross-site websocket hijacking)", async () => {
    const port = await start({cors: {origins: ["https://partner.example"]}})
    const upgrade = (headers: Record<string, string>) => new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/websocket`, {headers})

      socket.on("open", () => { socket.close(); resolve(101) })
      socket.on("unexpected-response", (_request, response) => { resolve(response.statusCode || 0); socket.terminate() })
      socket.on("error", (error) => { if (!String(error.message).includes("Unexpected server response")) reject(error) })
    })

    expect(await upgrade({cookie: "a=1", origin: "https://evil.example"})).toBe(403)
    expect(await upgrade({cookie: "a=1", origin: `http://127.0.0.1:${port}`})).toBe(101)
    expect(await upgrade({cookie: "a=1", origin: "https://partner.example"})).toBe(101)
    // No cookies: nothing to hijack. No Origin: not a browser.
    expect(await upgrade({origin: "https://evil.example"})).toBe(101)
    expect(await upgrade({cookie: "a=1"})).toBe(101)
  })

  it("is off in the test environment, and with csrfProtection: false; its helpers then render nothing", async () => {
    for (const options of [{environment: "test"}, {csrfProtection: false}]) {
      const port = await start(options)
      const jar = new CookieJar()
      const page = await jar.request(port, "GET", "/tasks/new")

      expect(page.body).not.toContain("authenticity_token")
      jar.take(await jar.request(port, "POST", "/login", {body: "userId=1", headers: form}))
      expect((await jar.request(port, "POST", "/tasks", {body: "task[name]=x", headers: form})).status).toBe(201)
    }
  })

  it("says that the token needs cookieSecret when there is none", async () => {
    const port = await start({cookieSecret: undefined})
    const response = await request(port, "POST", "/tasks", {body: "a=1", headers: {...form, cookie: "other=1", accept: "application/json"}})

    expect(response.status).toBe(422)
    expect(JSON.parse(response.body).error).toMatch(/needs cookieSecret/)
  })
})
