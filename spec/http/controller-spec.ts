import type {IncomingMessage} from "node:http"
import Configuration from "velocious/build/src/configuration.js"
import Controller, {DoubleRenderError} from "velocious/build/src/controller.js"
import {MissingCookieSecretError} from "velocious/build/src/cookies/errors.js"
import Request from "velocious/build/src/http-server/request.js"
import Response from "velocious/build/src/http-server/response.js"
import {describe, expect, it} from "velocious/build/src/testing/test.js"

function incoming(headers: Record<string, string> = {}, url = "/things?x=1", method = "post"): IncomingMessage {
  return {url, method, headers, socket: {remoteAddress: "127.0.0.1"}} as unknown as IncomingMessage
}

function build<T extends typeof Controller>(ControllerClass: T, action: string, {cookieSecret, headers}: {cookieSecret?: string, headers?: Record<string, string>} = {}) {
  const configuration = new Configuration({environment: "test", logging: {console: false}, cookieSecret})
  const response = new Response()
  const request = new Request({incoming: incoming(headers), body: Buffer.from("{}")})
  const controller = new ControllerClass({configuration, request, response, params: {id: "1"}, action, viewDirectory: "/nonexistent"})

  return {controller: controller as InstanceType<T>, response, request}
}

describe("Controller", () => {
  it("exposes params (also as getParams), request, response and configuration", () => {
    const {controller, request, response} = build(Controller, "show", {headers: {"x-thing": "a"}})

    expect(controller.params()).toEqual({id: "1"})
    expect(controller.getParams()).toBe(controller.params())
    expect(controller.getRequest()).toBe(request)
    expect(controller.getResponse()).toBe(response)
    expect(controller.getConfiguration().getEnvironment()).toEqual("test")
    expect(request.path()).toEqual("/things?x=1")
    expect(request.pathname()).toEqual("/things")
    expect(request.method()).toEqual("POST")
    expect(request.header("X-Thing")).toEqual("a")
  })

  it("renders JSON, text and html with statuses", () => {
    const json = build(Controller, "a")

    json.controller.renderJson({a: 1}, {status: 422})
    expect([json.response.getStatus(), json.response.getHeader("content-type"), json.response.getBody()]).toEqual([422, "application/json; charset=utf-8", "{\"a\":1}"])

    const text = build(Controller, "a")

    text.controller.render({text: "hi", status: 201})
    expect([text.response.getStatus(), text.response.getHeader("content-type"), text.response.getBody()]).toEqual([201, "text/plain; charset=utf-8", "hi"])

    const viaRender = build(Controller, "a")

    viaRender.controller.render({json: [1]})
    expect(viaRender.response.getBody()).toEqual("[1]")
  })

  it("refuses a second render, mixed render options and unknown options", () => {
    const {controller} = build(Controller, "a")

    controller.renderJson({})
    expect(() => controller.redirect("/x")).toThrow(DoubleRenderError)
    expect(() => build(Controller, "a").controller.render({json: 1, text: "x"})).toThrow(/one of json, html, text or view/)
    expect(() => build(Controller, "a").controller.render({jsn: 1} as never)).toThrow(/Unknown option 'jsn'/)
    expect(() => build(Controller, "a").controller.redirect("/x\r\nSet-Cookie: a=b")).toThrow(/line break/)
  })

  it("runs callbacks in order (parents first), honouring only/except, and halts when a before-callback renders", async () => {
    const calls: string[] = []

    class Base extends Controller {
      static {
        this.beforeAction(() => { calls.push("base before") })
      }
    }

    class Things extends Base {
      static {
        this.beforeAction("load", {except: ["skip"]})
        this.beforeAction(function(this: Things) { if (this.params().id === "1" && this.getAction() === "halt") this.renderJson({halted: true}) })
        this.afterAction(() => { calls.push("after") }, {only: "show"})
      }

      load() { calls.push("load") }
      async show() { calls.push("show"); this.renderJson({}) }
      async skip() { calls.push("skip"); this.renderJson({}) }
      async halt() { calls.push("halt action") }
    }

    await build(Things, "show").controller.runAction()
    expect(calls).toEqual(["base before", "load", "show", "after"])

    calls.length = 0
    await build(Things, "skip").controller.runAction()
    expect(calls).toEqual(["base before", "skip"])

    calls.length = 0
    const halted = build(Things, "halt")

    await halted.controller.runAction()
    expect(calls).toEqual(["base before", "load"])
    expect(halted.response.getBody()).toEqual("{\"halted\":true}")
  })

  it("runs an action in two halves for the server, returning a promise only where something waits", async () => {
    const calls: string[] = []

    class Plain extends Controller {
      show() { this.renderJson({plain: true}) }
      broken() { throw new Error("sync failure") }
    }

    class Waiting extends Controller {
      static {
        this.afterAction(async () => { await new Promise((resolve) => setTimeout(resolve, 1)); calls.push("after") })
      }

      async show() { calls.push("show"); this.renderJson({}) }
    }

    const plain = build(Plain, "show")

    expect(plain.controller.startAction()).toBe(undefined)
    expect(plain.controller.finishAction()).toBe(undefined)
    expect(plain.response.getBody()).toBe("{\"plain\":true}")

    expect(() => build(Plain, "broken").controller.startAction()).toThrow(/sync failure/)
    await expect(build(Plain, "broken").controller.runAction()).rejects.toThrow(/sync failure/)

    const waiting = build(Waiting, "show")
    const started = waiting.controller.startAction()

    expect(started instanceof Promise).toBe(true)
    await started

    const finished = waiting.controller.finishAction()

    expect(finished instanceof Promise).toBe(true)
    expect(calls).toEqual(["show"])
    await finished
    expect(calls).toEqual(["show", "after"])
  })

  it("renders the action's view when the action renders nothing, and names the missing file", async () => {
    class Views extends Controller {
      async anotherAction() {}
    }

    await expect(build(Views, "anotherAction").controller.runAction()).rejects.toThrow(/Missing view .*another-action\.ejs/)
  })

  it("sets cookies, and refuses encrypted ones without cookieSecret", () => {
    const {controller, response} = build(Controller, "a", {cookieSecret: "s"})

    controller.setCookie("plain", "1", {httpOnly: true})
    controller.setCookie("secret", "2", {encrypted: true})
    controller.deleteCookie("old")
    expect(response.setCookieHeaders()[0]).toEqual("plain=1; Path=/; HttpOnly")
    expect(response.setCookieHeaders()[1]).toMatch(/^secret=v1\./)
    expect(response.setCookieHeaders()[2]).toEqual("old=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    expect(() => build(Controller, "a").controller.setCookie("x", "1", {encrypted: true})).toThrow(MissingCookieSecretError)
  })

  it("reads request cookies as objects with name() and value()", () => {
    const {controller} = build(Controller, "a", {headers: {cookie: "session_id=abc123; other=1"}})
    const sessionCookie = controller.getCookies().find((cookie) => cookie.name() === "session_id")

    expect(sessionCookie?.value()).toEqual("abc123")
  })
})
