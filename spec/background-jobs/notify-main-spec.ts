import net from "node:net"
import {describe, it, expect, afterAll} from "velocious/build/src/testing/test.js"
import {closeMainNotifier, notifyMain} from "velocious/build/src/background-jobs/notify-main.js"
import type {BackgroundJobsSettings} from "velocious/build/src/background-jobs/settings.js"

/** A stand-in main that only counts the nudges it reads (newline-delimited JSON). */
async function countingMain(): Promise<{settings: BackgroundJobsSettings, messages: () => string[], close: () => Promise<void>}> {
  const received: string[] = []
  let buffered = ""
  const server = net.createServer((socket) => {
    socket.on("data", (chunk) => {
      buffered += chunk.toString("utf8")

      const lines = buffered.split("\n")

      buffered = lines.pop() || ""
      received.push(...lines.filter(Boolean))
    })
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))

  const {port} = server.address() as net.AddressInfo
  const settings: BackgroundJobsSettings = {host: "127.0.0.1", port, databaseIdentifier: "default", leaseMs: 1000, retryBackoffScale: 1, pollIntervalMs: 1000}

  return {settings, messages: () => received, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100))

describe("background jobs: nudging the main", () => {
  afterAll(() => closeMainNotifier())

  it("sends one nudge for all the enqueues of one turn of the event loop, and another for the next turn", async () => {
    const main = await countingMain()

    try {
      for (let index = 0; index < 50; index++) notifyMain(main.settings)
      await settle()
      expect(main.messages()).toEqual([JSON.stringify({type: "enqueued"})])

      notifyMain(main.settings)
      notifyMain(main.settings)
      await settle()
      expect(main.messages().length).toBe(2)
    } finally {
      closeMainNotifier()
      await main.close()
    }
  })
})
