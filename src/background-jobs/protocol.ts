import type net from "node:net"

/** Messages between the main, workers and enqueuers: one JSON object per line. */
export type Message =
  | {type: "hello", workerId: string, slots: number, busy?: number}
  | {type: "enqueued"}
  | {type: "job", id: string, claimToken: string, jobName: string, args: unknown[], forked: boolean}
  | {type: "completed", id: string, claimToken: string}
  | {type: "failed", id: string, claimToken: string, error: string, stack: string | null}

export function send(socket: net.Socket, message: Message): void {
  if (!socket.destroyed) socket.write(JSON.stringify(message) + "\n")
}

/** Calls `onMessage` per complete line; a line that is not JSON closes the socket (a stranger, not one of ours). */
export function readMessages(socket: net.Socket, onMessage: (message: Message) => void): void {
  let buffer = ""

  socket.setEncoding("utf8")
  socket.on("data", (chunk: string) => {
    buffer += chunk

    let newline = buffer.indexOf("\n")

    while (newline !== -1) {
      const line = buffer.slice(0, newline)

      buffer = buffer.slice(newline + 1)
      newline = buffer.indexOf("\n")
      if (line.trim() === "") continue

      let message: Message

      try {
        message = JSON.parse(line)
      } catch {
        socket.destroy(new Error(`Not a background jobs message: ${line.slice(0, 80)}`))
        return
      }

      onMessage(message)
    }
  })
}
