import WebSocket from "ws"

/** A raw `ws` connection that keeps every message, for asserting on the protocol itself. */
export class TestSocket {
  readonly socket: WebSocket
  readonly messages: any[] = []
  closeCode: number | undefined
  private readonly waiters = new Set<() => void>()

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.on("message", (data) => {
      this.messages.push(JSON.parse(data.toString()))
      for (const waiter of [...this.waiters]) waiter()
    })
    socket.on("close", (code) => {
      this.closeCode = code
      for (const waiter of [...this.waiters]) waiter()
    })
  }

  static open(url: string, options?: WebSocket.ClientOptions): Promise<TestSocket> {
    const socket = new WebSocket(url, options)

    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new TestSocket(socket)))
      socket.once("error", reject)
      socket.once("unexpected-response", (_request, response) => reject(new Error(`Upgrade refused with ${response.statusCode}`)))
    })
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message))
  }

  /** Resolves with the first message (kept or still to come) matching `predicate`. */
  waitFor(predicate: (message: any) => boolean, timeoutMs = 5000): Promise<any> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(predicate)

        if (found) {
          cleanup()
          resolve(found)
        }
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`No matching message within ${timeoutMs}ms; got ${JSON.stringify(this.messages)}`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }

      this.waiters.add(check)
      check()
    })
  }

  waitForClose(timeoutMs = 5000): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.closeCode !== undefined) return resolve(this.closeCode)

      const timer = setTimeout(() => reject(new Error(`Not closed within ${timeoutMs}ms`)), timeoutMs)

      this.socket.once("close", (code) => {
        clearTimeout(timer)
        resolve(code)
      })
    })
  }

  close(): void {
    this.socket.close()
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
