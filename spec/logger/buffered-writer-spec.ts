import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {describe, it, expect} from "velocious/build/src/testing/test.js"
import {bufferedWriter} from "velocious/build/src/logger/buffered-writer.js"

function temporaryLog(): {file: string, fd: number, cleanup: () => void} {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-buffered-writer-"))
  const file = path.join(directory, "test.log")
  const fd = fs.openSync(file, "a")

  return {file, fd, cleanup: () => fs.rmSync(directory, {recursive: true, force: true})}
}

const waitFor = async (condition: () => boolean, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs

  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe("logger: the buffered writer", () => {
  it("writes every line in order, whether many arrive in one turn or one per turn, multi-byte text included", async () => {
    const log = temporaryLog()
    const writer = bufferedWriter({name: "test", fd: log.fd, onError: (error) => { throw error }})
    const expected: string[] = []

    try {
      // One turn: far past a batch, lines of varied lengths.
      for (let index = 0; index < 5000; index++) {
        const line = `line ${index} ${"é€🚀".repeat(index % 7)} ${"x".repeat(index % 300)}\n`

        expected.push(line)
        writer.write(line)
      }
      // Then one line per turn of the event loop.
      for (let index = 0; index < 50; index++) {
        const line = `later ${index}\n`

        expected.push(line)
        writer.write(line)
        await new Promise((resolve) => setImmediate(resolve))
      }

      await writer.flush()
      expect(fs.readFileSync(log.file, "utf8")).toEqual(expected.join(""))
    } finally {
      await writer.end()
      log.cleanup()
    }
  })

  it("writes lines longer than a batch and multi-byte lines that end a batch, through writeLine too", async () => {
    const log = temporaryLog()
    const writer = bufferedWriter({name: "test", fd: log.fd, onError: (error) => { throw error }})
    const expected: string[] = []
    const add = (line: string) => {
      expected.push(`${line}\n`)
      writer.writeLine(line)
    }

    try {
      // Three-byte characters, so a batch's room runs out part way through a line's worst case.
      for (let index = 0; index < 3000; index++) add(`${index} ${"€".repeat(index % 50)}`)
      // One line far larger than a batch (64 KB), in the middle of others.
      add(`big ${"🚀€x".repeat(60_000)}`)
      add("after the big one")
      // A lone surrogate is written as U+FFFD, as Buffer.from would.
      add("lone \ud800 surrogate")
      for (let index = 0; index < 100; index++) writer.write(`plain ${index}\n`), expected.push(`plain ${index}\n`)

      await writer.flush()
      expect(fs.readFileSync(log.file, "utf8")).toEqual(expected.join("").replace("\ud800", "\ufffd"))
    } finally {
      await writer.end()
      log.cleanup()
    }
  })

  it("gets a lone line to the destination without a flush (a quiet server's lines show up promptly)", async () => {
    const log = temporaryLog()
    const writer = bufferedWriter({name: "test", fd: log.fd, onError: (error) => { throw error }})

    try {
      writer.write("only line\n")
      await waitFor(() => fs.readFileSync(log.file, "utf8") !== "")
      expect(fs.readFileSync(log.file, "utf8")).toEqual("only line\n")
    } finally {
      await writer.end()
      log.cleanup()
    }
  })

  it("writes a lone line within the interval in one write, and makes no writes while idle", async () => {
    const log = temporaryLog()
    const writer = bufferedWriter({name: "test", fd: log.fd, onError: (error) => { throw error }})
    const originalWrite = fs.write
    const writes: number[] = []

    // sonic-boom writes through this module's fs.write (fd, data, ...).
    fs.write = ((fd: number, ...rest: unknown[]) => {
      if (fd === log.fd) writes.push(Buffer.byteLength(String(rest[0])))

      return (originalWrite as (...args: unknown[]) => void)(fd, ...rest)
    }) as typeof fs.write

    try {
      writer.write("lone line\n")
      await waitFor(() => fs.readFileSync(log.file, "utf8") !== "")
      const shownAfter = writes.length

      // Three more intervals of nothing to write.
      await new Promise((resolve) => setTimeout(resolve, 350))
      expect(fs.readFileSync(log.file, "utf8")).toEqual("lone line\n")
      expect([shownAfter, writes]).toEqual([1, [10]])
    } finally {
      fs.write = originalWrite
      await writer.end()
      log.cleanup()
    }
  })

  it("writes lines still waiting for their batch when flushed synchronously (process exit)", async () => {
    const log = temporaryLog()
    const writer = bufferedWriter({name: "test", fd: log.fd, onError: (error) => { throw error }})

    try {
      writer.write("first\n")
      writer.write("second\n")
      writer.flushSync()
      expect(fs.readFileSync(log.file, "utf8")).toEqual("first\nsecond\n")
    } finally {
      await writer.end()
      log.cleanup()
    }
  })
})
