import WebsocketChannel from "velocious/build/src/http-server/websocket-channel.js"
import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {startWebsocketServer, type StartedWebsocketServer} from "./support/start-websocket-server.js"
import {delay, TestSocket} from "./support/test-socket.js"

const unsubscribedCalls: string[] = []

class NewsChannel extends WebsocketChannel {
  override async subscribed() {
    if (this.params().token !== "secret") return

    await this.streamFrom("news")
  }

  override async unsubscribed() {
    unsubscribedCalls.push(String(this.params().token))
  }
}

class KickChannel extends WebsocketChannel {
  override async subscribed() {
    this.close()
  }
}

describe("Websockets - channels", () => {
  let started: StartedWebsocketServer

  beforeAll(async () => {
    started = await startWebsocketServer({
      // The README's resolver.
      websocketChannelResolver: ({request, subscription}: {request: any, subscription?: {channel: string}}) => {
        const channel = subscription?.channel

        if (channel === "news") return NewsChannel
        if (channel === "kick") return KickChannel

        const query = request?.path?.().split("?")[1]
        const legacyChannel = new URLSearchParams(query).get("channel")

        if (legacyChannel === "news") return NewsChannel
      }
    })
  })

  afterAll(async () => {
    await started?.stop()
  })

  it("streams to an authorized subscription and calls unsubscribed() on close", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send(JSON.stringify({type: "subscribe", channel: "news", params: {token: "secret"}}))
    await socket.waitFor((message) => message.type === "subscribed" && message.channel === "news")
    await started.configuration.getWebsocketEvents().publish("news", {headline: "breaking"})
    expect(await socket.waitFor((message) => message.type === "event")).toEqual({type: "event", channel: "news", payload: {headline: "breaking"}})

    socket.close()
    await socket.waitForClose()
    await delay(100)
    expect(unsubscribedCalls).toContain("secret")
  })

  it("answers a subscription that never calls streamFrom with an error, and sends it nothing", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({type: "subscribe", channel: "news", params: {token: "wrong"}})
    expect((await socket.waitFor((message) => message.type === "error")).error).toMatch(/rejected/)
    await started.configuration.getWebsocketEvents().publish("news", {headline: "secret stuff"})
    await delay(100)
    expect(socket.messages.some((message) => message.type === "event")).toBe(false)
    socket.close()
  })

  it("answers an unknown channel with an error", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({type: "subscribe", channel: "nope"})
    expect((await socket.waitFor((message) => message.type === "error")).error).toEqual("Unknown channel 'nope'")
    socket.close()
  })

  it("lets a channel close the connection", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({type: "subscribe", channel: "kick"})
    expect(await socket.waitForClose()).toEqual(1008)
  })

  it("subscribes through the legacy ?channel= query at connect", async () => {
    const socket = await TestSocket.open(`${started.url}?channel=news&token=secret`)

    await socket.waitFor((message) => message.type === "subscribed" && message.channel === "news")
    await started.configuration.getWebsocketEvents().publish("news", {legacy: true})
    expect((await socket.waitFor((message) => message.type === "event")).payload).toEqual({legacy: true})
    socket.close()
  })
})
