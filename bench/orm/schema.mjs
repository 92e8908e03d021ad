// The schema every side works on, made with Velocious' own schema statements so each dialect
// gets its usual column types: projects (name, timestamps) and tasks (project_id and state
// indexed, name, timestamps). The seed is fixed so every side reads the same rows.
import SchemaStatements from "../../build/src/database/migration/schema-statements.js"

export const projectCount = 100
export const seedTaskCount = 1_000
export const stateCount = 50
// Seeded tasks cycle through the states, so each state matches seedTaskCount / stateCount rows.
export const rowsPerState = seedTaskCount / stateCount

export const stateName = (index) => `state_${index % stateCount}`

const pad = (value, length = 2) => String(value).padStart(length, "0")

/** UTC `YYYY-MM-DD HH:MM:SS.mmm`, what Velocious writes for a Date, for the sides that take text. */
export function timestamp(date = new Date()) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
}

/** Rows for a multi-row insert with the timestamps Velocious' insertMultiple fills, one `now` per call like it. */
export function stamped(objects) {
  const now = timestamp()

  return objects.map((object) => ({...object, created_at: now, updated_at: now}))
}

export async function dropTables(driver) {
  const schema = new SchemaStatements(driver)

  await schema.dropTable("tasks", {ifExists: true})
  await schema.dropTable("projects", {ifExists: true})
}

export async function createTables(driver) {
  const schema = new SchemaStatements(driver)

  await dropTables(driver)
  await schema.createTable("projects", (table) => {
    table.string("name")
    table.timestamps()
  })
  await schema.createTable("tasks", (table) => {
    table.references("project")
    table.string("name")
    table.string("state", {index: true})
    table.timestamps()
  })
}

/** Projects 1..100 and tasks 1..1,000; task i belongs to project ((i - 1) % 100) + 1. */
export async function seed(driver) {
  const now = timestamp()

  await driver.transaction(async () => {
    for (let index = 1; index <= projectCount; index++) {
      await driver.execute("INSERT INTO projects (name, created_at, updated_at) VALUES (?, ?, ?)", [`project ${index}`, now, now])
    }

    for (let index = 1; index <= seedTaskCount; index++) {
      await driver.execute(
        "INSERT INTO tasks (project_id, name, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        [((index - 1) % projectCount) + 1, `task ${index}`, stateName(index - 1), now, now]
      )
    }
  })
}

// Cleared when the server refuses to wait for InnoDB's purge (see resetTasks()).
let purgeWaitAvailable = true

/**
 * Drops what a write workload added, outside the timed part, so every round starts alike. On
 * MariaDB the DELETE leaves 10,000 delete-marked rows that InnoDB's purge threads remove in the
 * background, and a round that ran while they did took ~100 ms instead of ~70 (insertMultiple
 * rounds were two-peaked on every side, which moved its 5-round median ratio between 1.0 and
 * 1.5x from run to run); `innodb_max_purge_lag_wait = 0` returns once the purge is done.
 */
export async function resetTasks(driver) {
  await driver.execute(`DELETE FROM tasks WHERE id > ${seedTaskCount}`)
  if (driver.dialect() === "mysql" && purgeWaitAvailable) {
    try {
      await driver.execute("SET GLOBAL innodb_max_purge_lag_wait = 0")
    } catch (error) {
      // MySQL has no such variable, and it needs a privileged user: measure without the wait.
      purgeWaitAvailable = false
      console.log(`  (not waiting for InnoDB's purge between rounds: ${error.message.split("\n")[0]})`)
    }
  }
}
