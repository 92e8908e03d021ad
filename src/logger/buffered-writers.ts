import type {BufferedWriter} from "./buffered-writer.js"

// Every open buffered log writer in this process, so exit paths can write out what is left.
const writers = new Set<BufferedWriter>()
let hooked = false
const signalFlushTimeoutMs = 2000

export function remember(writer: BufferedWriter): void {
  writers.add(writer)
}

export function forget(writer: BufferedWriter): void {
  writers.delete(writer)
}

export async function flushAll(): Promise<void> {
  await Promise.all([...writers].map((writer) => writer.flush()))
}

export function flushAllSync(): void {
  for (const writer of writers) writer.flushSync()
}

/**
 * 'exit' covers process.exit() and a crash (Node emits it after an uncaught exception or an
 * unhandled rejection), where only synchronous writes still happen. A SIGTERM or SIGINT that
 * nothing else handles would kill the process without 'exit', so those flush first and then
 * die of the same signal, keeping the default behaviour; when the app handles the signal
 * itself (the server command does) it is left to do so and to call Configuration#close.
 */
export function flushAllOnExit(): void {
  if (hooked) return

  hooked = true
  process.on("exit", flushAllSync)

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return

      process.off(signal, onSignal)
      // Bounded, so a destination that never drains (a stopped pipe reader) cannot keep the process alive.
      const timeout = new Promise((resolve) => setTimeout(resolve, signalFlushTimeoutMs).unref())

      void Promise.race([flushAll(), timeout]).finally(() => process.kill(process.pid, signal))
    }

    process.on(signal, onSignal)
  }
}
