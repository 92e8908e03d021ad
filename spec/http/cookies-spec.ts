import {decryptCookieValue, encryptCookieValue, requireSecret} from "velocious/build/src/cookies/cookie-encryption.js"
import {InvalidCookieError, MissingCookieSecretError} from "velocious/build/src/cookies/errors.js"
import {parseCookieHeader} from "velocious/build/src/cookies/parse-cookie-header.js"
import {readRequestCookies} from "velocious/build/src/cookies/read-request-cookies.js"
import {setCookieHeader} from "velocious/build/src/cookies/set-cookie-header.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

describe("cookies", () => {
  it("writes Set-Cookie with every option", () => {
    const expires = new Date(Date.UTC(2030, 0, 2, 3, 4, 5))

    expect(setCookieHeader("id", "a b;c", {httpOnly: true, secure: true, sameSite: "strict", maxAge: 60.7, expires, path: "/app", domain: "example.com"}))
      .toEqual("id=a%20b%3Bc; Path=/app; Domain=example.com; Max-Age=60; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; SameSite=Strict")
    expect(setCookieHeader("id", "1")).toEqual("id=1; Path=/")
  })

  it("refuses invalid names, attributes with separators and unknown options", () => {
    expect(() => setCookieHeader("bad name", "1")).toThrow(InvalidCookieError)
    expect(() => setCookieHeader("id", "1", {path: "/; Domain=evil"})).toThrow(InvalidCookieError)
    expect(() => setCookieHeader("id", "1", {sameSite: "Sometimes" as never})).toThrow(InvalidCookieError)
    expect(() => setCookieHeader("id", "1", {httponly: true} as never)).toThrow(/Did you mean 'httpOnly'/)
  })

  it("parses the Cookie header, decoding values", () => {
    expect(parseCookieHeader("a=1; b=x%20y; c=\"quoted\"; broken; =nameless; d=%E0")).toEqual([
      {name: "a", value: "1"}, {name: "b", value: "x y"}, {name: "c", value: "quoted"}, {name: "d", value: "%E0"}
    ])
  })

  it("encrypts with AES-256-GCM: a round trip works; another secret, another name or a changed byte does not", () => {
    const stored = encryptCookieValue("token", "secret value", "secret one")

    expect(stored.startsWith("v1.")).toBe(true)
    expect(stored).not.toContain("secret")
    expect(encryptCookieValue("token", "secret value", "secret one")).not.toEqual(stored)
    expect(decryptCookieValue("token", stored, "secret one")).toEqual("secret value")
    expect(decryptCookieValue("token", stored, "secret two")).toBeUndefined()
    expect(decryptCookieValue("other", stored, "secret one")).toBeUndefined()
    expect(decryptCookieValue("token", `${stored.slice(0, 10)}${stored[10] === "a" ? "b" : "a"}${stored.slice(11)}`, "secret one")).toBeUndefined()
    expect(decryptCookieValue("token", "v1.short", "secret one")).toBeUndefined()
  })

  it("reads request cookies, leaving out encrypted ones that do not decrypt and telling onRejected", () => {
    const good = encryptCookieValue("token", "t", "s")
    const rejected: string[] = []
    const cookies = readRequestCookies({header: `plain=v1.2; token=${good}; forged=${good}`, secret: "s", onRejected: (name) => rejected.push(name)})

    expect(cookies.map((cookie) => [cookie.name(), cookie.value(), cookie.isEncrypted()])).toEqual([["plain", "v1.2", false], ["token", "t", true]])
    expect(rejected).toEqual(["forged"])
    expect(readRequestCookies({header: `token=${good}`, secret: undefined}).length).toEqual(0)
  })

  it("needs cookieSecret to encrypt", () => {
    expect(() => requireSecret(undefined)).toThrow(MissingCookieSecretError)
    expect(() => requireSecret("")).toThrow(/set cookieSecret in new Configuration/)
  })
})
