// Velocious drivers against the raw client underneath them (better-sqlite3, pg, mysql2), in the
// same run: 1,000 primary-key selects one at a time, and 10,000 inserts in one transaction.
// Prints median times and the median per-round ratio against a 1.20x target; a benchmark, not a test.
//   node bench/db/run.mjs            ROUNDS=7 DIALECTS=sqlite,pgsql node bench/db/run.mjs
import {driverClassFor} from "../../build/src/database/drivers/driver-class-for.js"
import SchemaStatements from "../../build/src/database/migration/schema-statements.js"
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)

  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function timed(callback) {
  const started = performance.now()

  await callback()

  return performance.now() - started
}

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
      const times = {raw: [], velocious: []}

      for (let round = 0; round < warmupRounds + rounds; round++) {
        // Alternate which side goes first so neither always gets the warmer caches.
        const order = round % 2 ? ["velocious", "raw"] : ["raw", "velocious"]

        for (const which of order) {
          await workload.reset?.(driver)

          const ms = await timed(() => which === "raw" ? workload.raw(raw) : workload.velocious(side))

          if (round >= warmupRounds) times[which].push(ms)
        }
      }

      // Rounds are paired (run back to back), so the median of per-round ratios is steadier
      // than a ratio of medians when other work shares the machine.
      const ratios = times.raw.map((raw, round) => times.velocious[round] / raw)

      results.push({dialect: dialect.dialect, workload: workload.name, raw: median(times.raw), velocious: median(times.velocious), ratio: median(ratios)})
    }
  } finally {
    await raw.close()
    await new SchemaStatements(driver).dropTable("bench_items", {ifExists: true})
    await driver.close()
    cleanup()
  }

  return results
}

function printTable(rows) {
  const header = ["dialect", "workload", "raw ms", "velocious ms", "ratio", "target", ""]
  const lines = rows.map((row) => {
    const ratio = row.ratio

    return [row.dialect, row.workload, row.raw.toFixed(1), row.velocious.toFixed(1), `${ratio.toFixed(2)}x`, `<= ${target.toFixed(2)}x`, ratio > target ? "MISS" : "ok"]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)))
  const format = (cells) => cells.map((cell, column) => column >= 2 && column <= 4 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])).join("  ").trimEnd()

  console.log(format(header))
  console.log(widths.map((width) => "-".repeat(width)).join("  "))
  for (const line of lines) console.log(format(line))

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

const misses = printTable(rows)

console.log(misses ? `\n${misses} workload(s) miss the ${target.toFixed(2)}x target` : `\nAll workloads within ${target.toFixed(2)}x of the raw driver`)
