import net from "node:net"
import {send} from "./protocol.js"
import type {BackgroundJobsSettings} from "./settings.js"

let socket: net.Socket | undefined
let socketKey = ""
let quietUntil = 0
let nudgePending = false

/**
 * Tells the main a job is waiting, so it dispatches now instead of at its next poll. Best
 * effort and never awaited: the row is already stored, and with no main running it simply
 * waits. After a failed connect it stays quiet for a second rather than retry per enqueue.
 */
export function notifyMain(settings: BackgroundJobsSettings): void {
  const key = `${settings.host}:${settings.port}`

  if (socket && socketKey !== key) {
    socket.destroy()
    socket = undefined
  }

  if (!socket) {
    if (Date.now() < quietUntil) return

    const opened = net.connect({host: settings.host, port: settings.port})

    opened.unref()
    opened.on("error", () => {
      quietUntil = Date.now() + 1000
      if (socket === opened) socket = undefined
    })
    opened.on("close", () => {
      if (socket === opened) socket = undefined
    })
    // The main never writes to enqueuers; reading keeps the socket from filling up anyway.
    opened.resume()
    socket = opened
    socketKey = key
  }

  // Enqueues in the same turn of the event loop share one nudge: the main claims everything due
  // anyway, and a write per job costs both processes a syscall and the main a dispatch.
  if (nudgePending) return

  nudgePending = true
  setImmediate(() => {
    nudgePending = false
    // The socket may have closed (or been replaced) meanwhile; send() skips a destroyed one.
    if (socket) send(socket, {type: "enqueued"})
  })
}

/** Closes the nudge connection (tests and commands that want to exit promptly). */
export function closeMainNotifier(): void {
  socket?.destroy()
  socket = undefined
}
