import type BaseDriver from "../database/drivers/base/base-driver.js"

export const jobsTable = "background_jobs"

const ensured = new WeakSet<BaseDriver>()

/**
 * The framework's own table, not an app migration: every process that touches jobs calls this
 * first. IF NOT EXISTS on the table and the indexes keeps it idempotent and safe when several
 * processes start at once. Times are epoch milliseconds (BIGINT), so all three dialects agree.
 */
export async function ensureBackgroundJobsTable(connection: BaseDriver): Promise<void> {
  if (ensured.has(connection)) return

  const dialect = connection.dialect()
  const text = "TEXT"
  const flag = dialect === "pgsql" ? "SMALLINT" : "TINYINT"

  await connection.execute(`CREATE TABLE IF NOT EXISTS ${jobsTable} (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    job_name VARCHAR(255) NOT NULL,
    args ${text} NOT NULL,
    forked ${flag} NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    max_retries INTEGER NOT NULL,
    run_at BIGINT NOT NULL,
    claim_token VARCHAR(36),
    claimed_by VARCHAR(255),
    handed_off_at BIGINT,
    lease_expires_at BIGINT,
    completed_at BIGINT,
    last_error ${text},
    last_error_stack ${text},
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  )`)
  await connection.execute(`CREATE INDEX IF NOT EXISTS index_${jobsTable}_on_state_run_at ON ${jobsTable} (state, run_at)`)
  await connection.execute(`CREATE INDEX IF NOT EXISTS index_${jobsTable}_on_claim_token ON ${jobsTable} (claim_token)`)
  ensured.add(connection)
}
