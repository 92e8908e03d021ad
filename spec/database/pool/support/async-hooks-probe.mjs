// Run by async-tracked-multi-connection-spec in a fresh process: prints whether async_hooks
// track promises at each step. With them off, code after an await runs with execution async
// id 0, as nothing in the process has enabled them.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {executionAsyncId} from "node:async_hooks"
import Configuration from "velocious/build/src/configuration.js"

async function promiseHooksOn() {
  await null

  return executionAsyncId() !== 0
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "velocious-hooks-probe-"))
const configuration = new Configuration({directory, environment: "test", logging: {console: false}, database: {test: {default: {type: "sqlite", name: "probe"}}}})

try {
  const seen = {atStart: await promiseHooksOn()}
  const db = await configuration.getDatabasePool().ensureGlobalConnection()

  await db.query("SELECT 1 AS one")
  seen.afterStatement = await promiseHooksOn()
  await db.transaction(async () => { seen.inTransaction = await promiseHooksOn() })
  await configuration.ensureConnections(async () => { seen.inEnsureConnections = await promiseHooksOn() })
  seen.afterwards = await promiseHooksOn()
  process.stdout.write(JSON.stringify(seen))
} finally {
  await configuration.closeDatabaseConnections()
  fs.rmSync(directory, {recursive: true, force: true})
}
