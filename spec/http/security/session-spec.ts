import {decryptCookieValue, encryptCookieValue} from "velocious/build/src/cookies/cookie-encryption.js"
import Configuration from "velocious/build/src/configuration.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"
import {request} from "../support/http-request.js"
import {CookieJar, secret, useSecurityApp} from "./support/security-app.js"

const json = {"content-type": "application/json", accept: "application/json"}

describe("cookie session store", {timeoutSeconds: 60}, () => {
  const app = useSecurityApp("session")
  const start = (options = {}) => app.start({csrfProtection: false, ...options})

  function sessionCookie(setCookies: string[] | undefined): string {
    const found = (setCookies || []).find((each) => each.startsWith("_velocious_session="))

    if (!found) throw new Error(`No session cookie in ${JSON.stringify(setCookies)}`)

    return found
  }

  it("keeps values across requests in one encrypted, HttpOnly, SameSite=Lax cookie, and clears it", async () => {
    const port = await start()
    const jar = new CookieJar()

    expect(JSON.parse((await jar.request(port, "GET", "/session")).body)).toEqual({userId: null, keys: []})

    const login = await jar.request(port, "POST", "/login", {body: JSON.stringify({userId: 42}), headers: json})
    const cookie = sessionCookie(login.headers["set-cookie"])

    expect(cookie).toMatch(/^_velocious_session=v1\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/)
    // Neither the plain values nor their base64: the value is encrypted, not encoded. (Not
    // "42" itself: random ciphertext has those two characters in it about one time in fifty.)
    expect(cookie).not.toContain("userId")
    expect(cookie).not.toContain(Buffer.from(JSON.stringify({d: {userId: 42}})).toString("base64url").slice(0, 12))

    const value = decodeURIComponent(cookie.split(";")[0].slice("_velocious_session=".length))

    expect(JSON.parse(decryptCookieValue("_velocious_session", value, secret)!)).toEqual({d: {userId: 42}})

    const read = await jar.request(port, "GET", "/session")

    expect(JSON.parse(read.body)).toEqual({userId: 42, keys: ["userId"]})
    // Nothing changed: no Set-Cookie.
    expect(read.headers["set-cookie"]).toBeUndefined()

    const logout = await jar.request(port, "POST", "/logout", {headers: json})

    expect(sessionCookie(logout.headers["set-cookie"])).toMatch(/Max-Age=0/)
    expect(JSON.parse((await jar.request(port, "GET", "/session")).body).userId).toBe(null)
  })

  it("reads a tampered, foreign-secret or renamed cookie as an empty session", async () => {
    const port = await start()
    const login = await request(port, "POST", "/login", {body: JSON.stringify({userId: 7}), headers: json})
    const value = sessionCookie(login.headers["set-cookie"]).split(";")[0].slice("_velocious_session=".length)
    const flipped = `${value.slice(0, 20)}${value[20] === "A" ? "B" : "A"}${value.slice(21)}`
    const foreign = encryptCookieValue("_velocious_session", JSON.stringify({d: {userId: 1}}), "another secret entirely")
    const moved = encryptCookieValue("other_cookie", JSON.stringify({d: {userId: 1}}), secret)
    const read = async (cookie: string) => JSON.parse((await request(port, "GET", "/session", {headers: {cookie}})).body).userId

    expect(await read(`_velocious_session=${value}`)).toBe(7)
    expect(await read(`_velocious_session=${flipped}`)).toBe(null)
    expect(await read(`_velocious_session=${foreign}`)).toBe(null)
    expect(await read(`_velocious_session=${moved}`)).toBe(null)
    expect(await read("_velocious_session={\"d\":{\"userId\":1}}")).toBe(null)
  })

  it("expires with session.maxAge also inside the value, and honours cookieName", async () => {
    const port = await start({session: {cookieName: "_app_session", maxAge: 3600}})
    const login = await request(port, "POST", "/login", {body: JSON.stringify({userId: 3}), headers: json})
    const cookie = login.headers["set-cookie"]![0]

    expect(cookie).toMatch(/^_app_session=v1\.[^;]+; Path=\/; Max-Age=3600; HttpOnly; SameSite=Lax$/)

    const expired = encryptCookieValue("_app_session", JSON.stringify({d: {userId: 3}, e: Math.floor(Date.now() / 1000) - 1}), secret)

    expect(JSON.parse((await request(port, "GET", "/session", {headers: {cookie: cookie.split(";")[0]}})).body).userId).toBe(3)
    expect(JSON.parse((await request(port, "GET", "/session", {headers: {cookie: `_app_session=${expired}`}})).body).userId).toBe(null)
  })

  it("refuses a session over the 4 KB a browser keeps, with a message saying what to do", async () => {
    const port = await start()
    const response = await request(port, "GET", "/big-session", {headers: {accept: "application/json"}})

    expect(response.status).toBe(500)
    expect(JSON.parse(response.body).error).toMatch(/SessionOverflowError: The session cookie would be \d+ bytes, over the 4096/)
  })

  it("needs cookieSecret, and says so", async () => {
    const port = await start({cookieSecret: undefined})
    const response = await request(port, "GET", "/session", {headers: {accept: "application/json"}})

    expect(response.status).toBe(500)
    expect(JSON.parse(response.body).error).toMatch(/MissingCookieSecretError: The session is kept in an encrypted cookie: set cookieSecret/)
  })

  it("marks cookies Secure in production (unless secure: false), and with secureCookies: true anywhere", async () => {
    for (const options of [{environment: "production"}, {secureCookies: true}]) {
      const port = await start(options)
      const cookies = (await request(port, "GET", "/cookies")).headers["set-cookie"]!

      expect(cookies.find((each) => each.startsWith("plain="))).toEqual("plain=1; Path=/; Secure")
      expect(cookies.find((each) => each.startsWith("insecure="))).toEqual("insecure=2; Path=/")
      expect(sessionCookie(cookies)).toMatch(/; HttpOnly; Secure; SameSite=Lax$/)
    }

    const port = await start({environment: "development"})

    expect((await request(port, "GET", "/cookies")).headers["set-cookie"]!.some((each) => each.includes("Secure"))).toBe(false)
  })

  it("rejects session options it does not know, and SameSite=None without Secure", async () => {
    const {httpSecurityFor} = await import("velocious/build/src/http-server/security/http-security.js")

    expect(() => httpSecurityFor(new Configuration({environment: "test", session: {cookiename: "x"} as never}))).toThrow(/Unknown option 'cookiename' given to session. Did you mean 'cookieName'/)
    expect(() => httpSecurityFor(new Configuration({environment: "test", session: {sameSite: "None"}}))).toThrow(/sameSite "None" needs Secure cookies/)
  })
})
