import {Buffer} from "node:buffer"
import sonicBoomModule from "sonic-boom"
import {flushAllOnExit, forget, remember} from "./buffered-writers.js"
import {sleepSynchronously} from "../utils/sleep-synchronously.js"

/**
 * A log destination that never blocks the request that logged: lines are appended to a memory
 * buffer and written by sonic-boom with asynchronous fs.write() once `flushBytes` are waiting,
 * `flushIntervalMs` after the first line that is still waiting, and on exit (see
 * buffered-writers.ts). A failing destination (a full disk, a closed stdout) calls `onError`
 * each time; callers report it once.
 */
export interface BufferedWriter {
  readonly name: string
  write(text: string): void
  /** write() with a line break after `line`, without making the joined string per line. */
  writeLine(line: string): void
  /** Resolves once everything written so far has reached the destination, or it failed. */
  flush(): Promise<void>
  /** For process exit, where nothing asynchronous runs any more. Never throws. */
  flushSync(): void
  /** Flushes, then closes the descriptor (unless it is stdout or stderr). */
  end(): Promise<void>
}

// sonic-boom is CommonJS whose module.exports is the class; its types describe the named export.
const SonicBoom = sonicBoomModule as unknown as typeof sonicBoomModule.SonicBoom

// Small enough that a quiet server's lines show up promptly, large enough to batch a busy one.
// Lines are encoded as UTF-8 into the current batch, a Buffer, some at a time, and a batch is
// handed to sonic-boom (in its buffer mode, which writes the Buffer as it is) once flushBytes
// are in it, or when the interval is up. Until 2026-12 the batch was an array of the line
// strings joined at hand-over: in bench:http's logging row (perf, cpu-clock) the join's
// flattening was 3% of the server's CPU, although callgrind counted it as a few hundred
// instructions a request: by then the lines' pieces had left the CPU's caches, and a batch's
// strings lived long enough to be copied by the scavenger. Then each line was encoded on its
// own when it was logged; but the call into Node's encoder costs about 650 instructions
// whatever the length (callgrind: argument checks, handle scopes, flattening), more than the
// rest of writing a line. So lines are joined until pendingChars are waiting (two or three
// dozen request lines) and encoded with one call: recent enough that their pieces are still in
// the caches, and gone long before a scavenge. Joining them into an array instead (join() at
// encoding) counted more instructions: Array#join costs more per line than the two joins.
// sonic-boom's string mode also measured and re-encoded every batch twice more (byteLength on
// write, Buffer.from after it). Handing over a smaller batch earlier, say once per turn of the
// event loop, would only move the lines to sonic-boom to wait out the same interval there.
// 32 KB rather than 4 KB: each fs.write() goes to a libuv thread and back, two context switches
// on the server's core, and with 4 KB batches bench:http's logging row spent about 1 µs more
// kernel time per request than without logging (32 KB: none measurable). sonic-boom writes at
// most maxWrite bytes per call, which must be above minLength.
const flushBytes = 32768
// A batch's Buffer: room for the lines that take it past flushBytes. Joined lines that might not
// fit (UTF-8 takes up to 3 bytes per UTF-16 unit) start a new batch, in a Buffer of their own
// size when they are larger than this.
const batchBytes = 2 * flushBytes
// Characters of lines joined before they are encoded (see above).
const pendingChars = 1500
const flushIntervalMs = 100
// The UTF-8 writer under Buffer#write (which parses its arguments and looks the writer up on
// Buffer.prototype, a dictionary-mode object V8 cannot fold look-ups on: about 250
// instructions a line), called as a plain function. Not in Node's typings, but on
// Buffer.prototype in every Node version; Buffer#write stands in should it ever go.
const nodeUtf8Write = (Buffer.prototype as unknown as {utf8Write?: (text: string, offset: number) => number}).utf8Write
const writeText: (this: Buffer, text: string, offset: number) => number = typeof nodeUtf8Write === "function" ? nodeUtf8Write : Buffer.prototype.write
// A destination that stays broken must not take the process's memory with it: past this,
// new lines are dropped until it recovers.
const maxBufferedBytes = 16 * 1024 * 1024

export function bufferedWriter({name, fd, onError}: {name: string, fd: number, onError: (error: Error) => void}): BufferedWriter {
  // No periodicFlush: it writes every interval even with nothing buffered (a 0-byte fs.write()),
  // and the timer below does the same job only while lines are waiting.
  const boom = new SonicBoom({fd, sync: false, contentMode: "buffer", minLength: flushBytes, maxWrite: batchBytes, maxLength: maxBufferedBytes})
  let ended = false
  let failing = false
  let failures = 0

  // Without a listener an 'error' event would be an uncaught exception that kills the server.
  boom.on("error", (error: Error) => {
    failing = true
    failures++
    onError(error)
  })
  boom.on("write", () => { failing = false })

  let batch: Buffer | undefined
  let used = 0
  // batch.length, kept as a number so the per-line room check reads no property of the Buffer.
  let capacity = 0
  // Lines not yet encoded, joined as they come (V8 keeps the joins as a rope, no copying),
  // encoded into the batch once pendingChars are waiting (see below).
  let pending = ""
  let timer: NodeJS.Timeout | undefined
  const handOverBatch = () => {
    if (batch === undefined || used === 0) return

    const filled = batch.subarray(0, used)

    // sonic-boom keeps the Buffer until it is written, so the next line starts a new one.
    batch = undefined
    used = 0
    capacity = 0
    try {
      writeBuffer(boom, filled)
    } catch (error) {
      // A destroyed stream (after a fatal error) refuses writes: reported like a failed write.
      onError(error as Error)
    }
  }
  const encode = (text: string) => {
    const room = 3 * text.length

    if (used + room > capacity || batch === undefined) {
      handOverBatch()
      // Text too long for a batch (a large object dumped) is measured, so its Buffer is its
      // size rather than three times it.
      capacity = room > batchBytes ? Math.max(batchBytes, Buffer.byteLength(text)) : batchBytes
      batch = Buffer.allocUnsafeSlow(capacity)
    }

    used += writeText.call(batch, text, used)
    if (used >= flushBytes) handOverBatch()
  }
  const encodePending = () => {
    if (pending.length === 0) return

    const text = pending

    pending = ""
    encode(text)
  }
  const handOver = () => {
    encodePending()
    handOverBatch()
  }
  const append = (text: string, lineBreak: boolean) => {
    pending = lineBreak ? pending + text + "\n" : pending + text
    if (pending.length >= pendingChars) encodePending()
    if (timer === undefined) armTimer()
  }

  // The interval is up: whatever is waiting, here or in sonic-boom (less than minLength, which
  // it keeps until asked), is written. Armed again while anything is left, e.g. behind a write
  // that was still in flight.
  const writeWaitingLines = () => {
    timer = undefined
    handOver()
    if (buffered(boom) === 0 || ended) return
    if (!writeInFlight(boom)) {
      try {
        boom.flush()
      } catch (error) {
        onError(error as Error)

        return
      }
    }
    armTimer()
  }
  const armTimer = () => {
    timer = setTimeout(writeWaitingLines, flushIntervalMs)
    timer.unref()
  }

  const writer: BufferedWriter = {
    name,
    write(text) {
      if (!ended) append(text, false)
    },
    writeLine(line) {
      if (!ended) append(line, true)
    },
    async flush() {
      handOver()
      // sonic-boom's flush callback fires on 'drain', which comes once a write leaves at most
      // minLength bytes behind, so it is asked again until nothing is buffered (bounded, for a
      // destination that keeps failing).
      for (let attempt = 0; attempt < 100 && !ended && buffered(boom) > 0; attempt++) {
        const failedBefore = failures

        await new Promise<void>((resolve) => {
          try {
            boom.flush(() => resolve())
          } catch {
            resolve()
          }
        })

        if (failures > failedBefore) return
      }
    },
    flushSync() {
      handOver()
      // sonic-boom's flushSync retries a failing write forever (EPIPE would hang the exit), and
      // a destination that failed last time has lost its lines already.
      if (ended || failing || buffered(boom) === 0) return

      // An asynchronous write still in flight is being done by a libuv thread, and its callback
      // can no longer run: writing the rest now could land before it, out of order (seen at a
      // crash: the last lines of the file came before the in-flight batch). Its syscall lands
      // within microseconds unless the destination is backed up, so wait a moment for it.
      if (writeInFlight(boom)) sleepSynchronously(inFlightWriteGraceMs)

      try {
        boom.flushSync()
      } catch (error) {
        onError(error as Error)
      }
    },
    async end() {
      if (ended) return

      await writer.flush()
      ended = true
      if (timer !== undefined) clearTimeout(timer)
      forget(writer)
      await new Promise<void>((resolve) => {
        boom.once("close", () => resolve())
        boom.once("error", () => resolve())
        boom.end()
      })
    }
  }

  remember(writer)
  flushAllOnExit()

  return writer
}

/** In buffer mode sonic-boom's write() takes Buffers; its types only know the string mode. */
function writeBuffer(boom: InstanceType<typeof SonicBoom>, data: Buffer): void {
  (boom as unknown as {write(data: Buffer): boolean}).write(data)
}

/** Whether sonic-boom has an asynchronous fs.write() out (its own flag). */
function writeInFlight(boom: InstanceType<typeof SonicBoom>): boolean {
  return (boom as unknown as {_writing: boolean})._writing
}

// How long process exit waits for a write already handed to libuv before writing what is left.
const inFlightWriteGraceMs = 50

/** Bytes sonic-boom holds that have not reached the destination (its own counter). */
function buffered(boom: InstanceType<typeof SonicBoom>): number {
  return (boom as unknown as {_len: number})._len
}
