import {afterAll, beforeAll, describe, expect, it} from "velocious/build/src/testing/test.js"
import {startWebsocketServer, type StartedWebsocketServer} from "./support/start-websocket-server.js"
import {delay, TestSocket} from "./support/test-socket.js"

describe("Websockets - raw handlers", () => {
  let started: StartedWebsocketServer
  const received: unknown[] = []
  const closes: number[] = []
  let channelResolverCalls = 0

  beforeAll(async () => {
    started = await startWebsocketServer({
      websocketChannelResolver: () => { channelResolverCalls++ },
      websocketMessageHandlerResolver: ({request}: {request: any}) => {
        const path = request.path().split("?")[0]

        if (path === "/custom/socket") {
          return {
            onOpen: ({session}: {session: any}) => {
              session.sendJson({event: "connected"})
            },
            onMessage: ({message, session}: {message: any, session: any}) => {
              received.push(message)
              session.sendJson({echo: message})
            },
            onClose: ({code}: {code: number}) => { closes.push(code) }
          }
        }
      }
    })
  })

  afterAll(async () => {
    await started?.stop()
  })

  it("hands parsed JSON to the handler and skips channel resolution", async () => {
    const socket = await TestSocket.open(`ws://127.0.0.1:${started.port}/custom/socket?channel=news`)

    expect(await socket.waitFor((message) => message.event === "connected")).toEqual({event: "connected"})
    socket.send({vendor: "format", type: "subscribe", channel: "x"})
    expect(await socket.waitFor((message) => message.echo)).toEqual({echo: {vendor: "format", type: "subscribe", channel: "x"}})
    expect(received).toEqual([{vendor: "format", type: "subscribe", channel: "x"}])
    expect(channelResolverCalls).toEqual(0)
    socket.close()
    await socket.waitForClose()
    await delay(50)
    expect(closes).toEqual([1005])
  })

  it("still serves the Velocious protocol on /websocket", async () => {
    const socket = await TestSocket.open(started.url)

    socket.send({type: "request", id: "v", method: "POST", path: "/api/version"})
    expect((await socket.waitFor((message) => message.id === "v")).statusCode).toEqual(200)
    socket.close()
  })
})
