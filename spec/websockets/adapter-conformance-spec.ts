import type {PubSubAdapter, PubSubMessage} from "velocious/build/src/websocket-events/adapter.js"
import {afterEach, describe, expect, it} from "velocious/build/src/testing/test.js"
import {adaptersUnderTest} from "./support/adapters.js"
import {delay} from "./support/test-socket.js"

async function waitForCount(messages: PubSubMessage[], count: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs

  while (messages.length < count) {
    if (Date.now() > deadline) throw new Error(`Got ${messages.length} of ${count} messages within ${timeoutMs}ms`)
    await delay(10)
  }
}

let scopeCounter = 0

for (const adapterUnderTest of adaptersUnderTest) {
  describe(`Websocket events adapter conformance - ${adapterUnderTest.name}`, {timeoutSeconds: 30}, () => {
    const opened: PubSubAdapter[] = []
    let scope = ""

    async function started(messages: PubSubMessage[], adapter = adapterUnderTest.build(scope)): Promise<PubSubAdapter> {
      opened.push(adapter)
      await adapter.start((message) => messages.push(message))

      return adapter
    }

    function newScope(): void {
      scope = `${process.pid}_${Date.now()}_${scopeCounter++}`
    }

    afterEach(async () => {
      for (const adapter of opened.splice(0)) await adapter.close()
    })

    it("delivers a published message once, with its JSON payload intact", async () => {
      newScope()
      const messages: PubSubMessage[] = []
      const adapter = await started(messages)
      const payload = {id: 42, nested: {list: [1, "two", null, true]}, text: "ünïcødé ✓ 🎉"}

      await adapter.publish({channel: "projects", payload})
      await waitForCount(messages, 1)
      await delay(100)
      expect(messages).toEqual([{channel: "projects", payload}])
    })

    it("keeps one publisher's order", async () => {
      newScope()
      const messages: PubSubMessage[] = []
      const adapter = await started(messages)

      for (let index = 0; index < 50; index++) await adapter.publish({channel: "order", payload: index})

      await waitForCount(messages, 50)
      expect(messages.map((message) => message.payload)).toEqual(Array.from({length: 50}, (_, index) => index))
    })

    it("delivers a payload bigger than PostgreSQL's 8 KB NOTIFY limit", async () => {
      newScope()
      const messages: PubSubMessage[] = []
      const adapter = await started(messages)
      const payload = {text: "é🎉x".repeat(30_000)}

      await adapter.publish({channel: "big", payload})
      await waitForCount(messages, 1)
      expect(messages[0].payload).toEqual(payload)
    })

    it("stops delivering after close()", async () => {
      newScope()
      const messages: PubSubMessage[] = []
      const adapter = await started(messages)
      const other: PubSubMessage[] = []
      const publisher = adapterUnderTest.shared ? await started(other) : adapter

      await adapter.close()
      if (adapterUnderTest.shared) {
        await publisher.publish({channel: "after-close", payload: 1})
        await waitForCount(other, 1)
      } else {
        await publisher.publish({channel: "after-close", payload: 1}).catch(() => undefined)
      }
      await delay(100)
      expect(messages).toEqual([])
    })

    if (adapterUnderTest.shared) {
      it("fans out between separate instances (as separate processes would be)", async () => {
        newScope()
        const first: PubSubMessage[] = []
        const second: PubSubMessage[] = []
        const publisher = await started(first)

        await started(second)
        await publisher.publish({channel: "shared", payload: {from: "first"}})
        await waitForCount(first, 1)
        await waitForCount(second, 1)
        expect(second).toEqual([{channel: "shared", payload: {from: "first"}}])
      })
    }
  })
}
