// What an API action rendering records costs on the ORM side, against better-sqlite3 used
// directly: 20 rows of the bench schema read and turned into JSON, step by step.
//   raw:        stmt.all(20) + JSON.stringify(rows)
//   velocious:  Task.limit(20).toArray() + JSON.stringify(records) (what renderJson sends)
// and the velocious steps alone: the query to records (toArray), and records to JSON. Medians
// of CPU time per call; CPU time rather than wall time holds up better on a busy machine.
//   node bench/orm/records-to-json.mjs       ROUNDS=9 CALLS=2000 node bench/orm/records-to-json.mjs
import {median} from "../support/measure.mjs"
import {openSqlite, servers} from "../support/servers.mjs"
import {printTable} from "../support/table.mjs"
import {createTables, dropTables, seed} from "./schema.mjs"
import {velociousConnection, velociousModels} from "./velocious-side.mjs"

const rounds = Number(process.env.ROUNDS || 7)
const calls = Number(process.env.CALLS || 1000)
const limit = 20

function cpuMicroseconds(callback) {
  const started = process.cpuUsage()

  return callback().then(() => {
    const used = process.cpuUsage(started)

    return (used.user + used.system) / calls
  })
}

async function repeat(step) {
  for (let index = 0; index < calls; index++) await step()
}

const server = servers.find((each) => each.dialect === "sqlite")
const {config, cleanup} = await server.prepare()
const {configuration, driver} = await velociousConnection(config)

try {
  await createTables(driver)
  await seed(driver)

  const {Task} = await velociousModels(configuration)
  const db = openSqlite(config)
  const statement = db.prepare("SELECT * FROM tasks LIMIT ?")
  const loaded = await Task.limit(limit).toArray()
  const rawJson = JSON.parse(JSON.stringify(statement.all(limit)))
  const velociousJson = JSON.parse(JSON.stringify(await Task.limit(limit).toArray()))

  if (velociousJson.length !== limit || velociousJson.some((task, index) => task.id !== rawJson[index].id || task.name !== rawJson[index].name)) {
    throw new Error("The two sides render different rows")
  }

  const steps = {
    "raw: all() + JSON.stringify": async () => JSON.stringify(statement.all(limit)),
    "velocious: toArray() + JSON.stringify": async () => JSON.stringify(await Task.limit(limit).toArray()),
    "velocious: toArray() alone": () => Task.limit(limit).toArray(),
    "raw: all() alone": async () => statement.all(limit),
    "velocious: JSON.stringify(records) alone": async () => JSON.stringify(loaded)
  }
  const times = Object.fromEntries(Object.keys(steps).map((name) => [name, []]))

  for (let round = 0; round < rounds + 1; round++) {
    for (const [name, step] of Object.entries(steps)) {
      const microseconds = await cpuMicroseconds(() => repeat(step))

      // The first round warms the code up.
      if (round > 0) times[name].push(microseconds)
    }
  }

  const raw = median(times["raw: all() + JSON.stringify"])

  console.log(`${limit} tasks per call, median CPU µs per call of ${rounds} rounds × ${calls} calls, node ${process.version}\n`)
  printTable(["step", "µs per call", "vs raw all() + JSON"], Object.entries(times).map(([name, list]) => [name, median(list).toFixed(1), `${(median(list) / raw).toFixed(2)}x`]), {rightAligned: [1, 2]})
  db.close()
} finally {
  await dropTables(driver)
  await configuration.closeDatabaseConnections()
  cleanup()
}
