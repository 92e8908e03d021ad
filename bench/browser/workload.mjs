// The same app code on both sides: a tasks table made by a migration, 1,000 rows, then the
// 1,000-row query timed. Relative imports so Node and esbuild's browser bundle load the same files.
import Configuration from "../../build/src/configuration.js"
import Migration from "../../build/src/database/migration/index.js"
import Record from "../../build/src/database/record/index.js"

export const rowCount = 1_000

class BenchTask extends Record {}

BenchTask.setTableName("bench_tasks")

class CreateBenchTasks extends Migration {
  async up() {
    await this.createTable("bench_tasks", (t) => {
      t.string("name", {null: false})
      t.string("state", {null: false})
      t.integer("position")
      t.timestamps()
    })
  }
}

/** Migrates, seeds and runs the query `rounds` times after `warmupRounds`; returns ms per kept round. */
export async function runWorkload({environmentHandler, rounds, warmupRounds}) {
  const configuration = new Configuration({
    environment: "bench",
    database: {bench: {default: {type: "sqlite", name: ":memory:"}}},
    logging: {console: false, file: false},
    ...environmentHandler ? {environmentHandler} : {}
  })

  configuration.setCurrent()
  await configuration.ensureGlobalConnections()

  const db = configuration.getDatabasePool().getCurrentConnection()

  await new CreateBenchTasks({configuration, db, databaseIdentifier: "default"}).up()
  await BenchTask.initializeRecord({configuration})

  const now = new Date()
  const rows = []

  for (let index = 0; index < rowCount; index++) rows.push([`task ${index}`, "open", index, now, now])
  await BenchTask.insertMultiple(["name", "state", "position", "created_at", "updated_at"], rows)

  const times = []

  for (let round = 0; round < warmupRounds + rounds; round++) {
    const started = performance.now()
    const tasks = await BenchTask.where({state: "open"}).order("position").toArray()
    const elapsed = performance.now() - started

    if (tasks.length !== rowCount || tasks[rowCount - 1].name() !== `task ${rowCount - 1}`) throw new Error(`The query returned ${tasks.length} rows, expected ${rowCount}`)
    if (round >= warmupRounds) times.push(elapsed)
  }

  await configuration.close()

  return times
}
