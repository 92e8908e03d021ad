import fs from "node:fs"
import {createRequire} from "node:module"
import os from "node:os"
import path from "node:path"
import {Worker} from "node:worker_threads"
import Database from "better-sqlite3"
import {describe, it, expect, beforeEach, afterEach} from "velocious/build/src/testing/test.js"
import {connectDriver} from "./support/test-databases.js"

// A thread that takes a write lock (BEGIN IMMEDIATE) on `file`, says so, and commits after `holdMs`.
const lockHolderSource = `
const {parentPort, workerData} = require("node:worker_threads")
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.file)
db.exec("BEGIN IMMEDIATE")
parentPort.postMessage("locked")
setTimeout(() => { db.exec("COMMIT"); db.close(); parentPort.postMessage("released") }, workerData.holdMs)
`

async function holdWriteLock(file: string, holdMs: number): Promise<{released: Promise<void>}> {
  const worker = new Worker(lockHolderSource, {eval: true, workerData: {file, holdMs, betterSqlite3: createRequire(import.meta.url).resolve("better-sqlite3")}})
  const released = new Promise<void>((resolve, reject) => {
    worker.on("message", (message) => { if (message === "released") resolve() })
    worker.on("error", reject)
  })

  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve())
    worker.once("error", reject)
  })

  return {released: released.then(() => worker.terminate()).then(() => undefined)}
}

// Every worker of `velocious server --workers N` opens the database at boot. A file still in
// rollback-journal mode is switched to WAL by the first of them; SQLite answers that switch
// SQLITE_BUSY at once, without waiting out the busy timeout, while another connection holds a
// write lock, which is what a sibling worker's own switch takes. A worker failing to boot on it
// was seen in CI ("database is locked" from the journal_mode pragma).
describe("drivers - sqlite - switching a database to WAL while another connection writes", () => {
  let directory: string
  let file: string

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-wal-"))
    file = path.join(directory, "app.sqlite")

    const setup = new Database(file)

    setup.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    setup.prepare("INSERT INTO notes (body) VALUES (?)").run("first")
    setup.close()
  })

  afterEach(() => {
    fs.rmSync(directory, {recursive: true, force: true})
  })

  it("waits for the write lock to go and then opens in WAL mode", async () => {
    const holder = await holdWriteLock(file, 300)
    const startedAt = Date.now()
    const db = await connectDriver({type: "sqlite", name: file})

    try {
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200)
      expect(await db.query("PRAGMA journal_mode")).toEqual([{journal_mode: "wal"}])
      expect(await db.query("SELECT body FROM notes")).toEqual([{body: "first"}])
    } finally {
      await db.close()
      await holder.released
    }
  })

  it("says which file and what to do when the lock outlasts the busy timeout", {timeoutSeconds: 20}, async () => {
    const holder = await holdWriteLock(file, 6500)

    try {
      await expect(connectDriver({type: "sqlite", name: file})).rejects.toThrow(`Could not switch the SQLite database ${file} to WAL mode: another connection held a lock on it for 5 s`)
    } finally {
      await holder.released
    }
  })

  it("opens a database already in WAL mode without waiting for a writer", async () => {
    const wal = new Database(file)

    wal.pragma("journal_mode = WAL")
    wal.close()

    const holder = await holdWriteLock(file, 2000)
    const startedAt = Date.now()
    const db = await connectDriver({type: "sqlite", name: file})

    try {
      expect(Date.now() - startedAt).toBeLessThan(1000)
      expect(await db.query("SELECT body FROM notes")).toEqual([{body: "first"}])
    } finally {
      await db.close()
      await holder.released
    }
  })
})
