// Velocious drivers against the raw client underneath them (better-sqlite3, pg, mysql2), in the
// same run: 1,000 primary-key selects one at a time, and 10,000 inserts in one transaction.
// Prints median times and the median per-round ratio against a 1.20x target; a benchmark, not a test.
//   node bench/db/run.mjs            ROUNDS=7 DIALECTS=sqlite,pgsql node bench/db/run.mjs
import {driverClassFor} from "../../build/src/database/drivers/driver-class-for.js"
import SchemaStatements from "../../build/src/database/migration/schema-statements.js"
import {measureRounds, median, medianRatio} from "../support/measure.mjs"
import {printTable} from "../support/table.mjs"
import {dialects, insertSql, selectSql} from "./dialects.mjs"

const rounds = Number(process.env.ROUNDS || 5)
const warmupRounds = Number(process.env.WARMUP_ROUNDS || 2)
const target = 1.2
const selectCount = 1_000
const insertCount = 10_000
const only = process.env.DIALECTS?.split(",").map((each) => each.trim())

function velociousSide(driver) {
  return {
    selectById: (id) => driver.query(selectSql, [id]),
    transaction: (callback) => driver.transaction(callback),
    insert: (name, value) => driver.execute(insertSql, [name, value])
  }
}

const workloads = [
  {
    name: `${selectCount.toLocaleString("en")} pk selects`,
    async raw(raw) {
      for (let id = 1; id <= selectCount; id++) await raw.selectById(id)
    },
    async velocious(side) {
      for (let id = 1; id <= selectCount; id++) await side.selectById(id)
    }
  },
  {
    name: `${insertCount.toLocaleString("en")} inserts, 1 tx`,
    async raw(raw) {
      await raw.begin()
      for (let index = 0; index < insertCount; index++) await raw.insert(`item ${index}`, index)
      await raw.commit()
    },
    async velocious(side) {
      await side.transaction(async () => {
        for (let index = 0; index < insertCount; index++) await side.insert(`item ${index}`, index)
      })
    },
    // Each round starts from the same table size, outside the timed part.
    reset: (driver) => driver.execute(`DELETE FROM bench_items WHERE id > ${selectCount}`)
  }
]

async function createTable(driver) {
  const schema = new SchemaStatements(driver)

  await schema.dropTable("bench_items", {ifExists: true})
  await schema.createTable("bench_items", (table) => {
    table.string("name")
    table.integer("value")
  })
  await driver.transaction(async () => {
    for (let index = 1; index <= selectCount; index++) await driver.execute(insertSql, [`seed ${index}`, index])
  })
}

async function benchDialect(dialect) {
  const {config, cleanup} = await dialect.prepare()
  const Driver = await driverClassFor(config)
  const driver = new Driver(config)

  await driver.connect()
  await createTable(driver)

  const raw = await dialect.raw(config)
  const side = velociousSide(driver)
  const results = []

  try {
    for (const workload of workloads) {
      const times = await measureRounds({
        sides: ["raw", "velocious"],
        rounds,
        warmupRounds,
        run: (which) => which === "raw" ? workload.raw(raw) : workload.velocious(side),
        reset: () => workload.reset?.(driver)
      })

      results.push({dialect: dialect.dialect, workload: workload.name, raw: median(times.raw), velocious: median(times.velocious), ratio: medianRatio(times.velocious, times.raw)})
    }
  } finally {
    await raw.close()
    await new SchemaStatements(driver).dropTable("bench_items", {ifExists: true})
    await driver.close()
    cleanup()
  }

  return results
}

function printResults(rows) {
  const header = ["dialect", "workload", "raw ms", "velocious ms", "ratio", "target", ""]
  const lines = rows.map((row) => {
    const ratio = row.ratio

    return [row.dialect, row.workload, row.raw.toFixed(1), row.velocious.toFixed(1), `${ratio.toFixed(2)}x`, `<= ${target.toFixed(2)}x`, ratio > target ? "MISS" : "ok"]
  })

  printTable(header, lines, {rightAligned: [2, 3, 4]})

  return lines.filter((line) => line[6] === "MISS").length
}

const rows = []

console.log(`Median of ${rounds} rounds after ${warmupRounds} warm-up round(s), node ${process.version}\n`)

for (const dialect of dialects) {
  if (only && !only.includes(dialect.dialect)) continue

  const unavailable = await dialect.unavailable()

  if (unavailable) {
    console.log(`skipped ${dialect.dialect}: ${unavailable}`)
    continue
  }

  rows.push(...await benchDialect(dialect))
}

console.log("")

const misses = printResults(rows)

console.log(misses ? `\n${misses} workload(s) miss the ${target.toFixed(2)}x target` : `\nAll workloads within ${target.toFixed(2)}x of the raw driver`)
