import {randomUUID} from "node:crypto"
import type Configuration from "../configuration.js"
import type BaseDriver from "../database/drivers/base/base-driver.js"
import type BasePool from "../database/pool/base-pool.js"
import {retryDelaySeconds} from "./backoff.js"
import {backgroundJobsSettings, type BackgroundJobsSettings} from "./settings.js"
import {ensureBackgroundJobsTable, jobsTable} from "./table.js"

export type JobState = "queued" | "handed_off" | "completed" | "failed"

export interface StoredJob {
  id: string
  jobName: string
  args: unknown[]
  forked: boolean
  state: JobState
  attempts: number
  maxRetries: number
  runAt: number
  claimToken: string | null
  lastError: string | null
  lastErrorStack: string | null
  createdAt: number
  completedAt: number | null
}

const columns = "id, job_name, args, forked, state, attempts, max_retries, run_at, claim_token, last_error, last_error_stack, created_at, completed_at"

function toJob(row: Record<string, unknown>): StoredJob {
  const optionalNumber = (value: unknown) => value === null || value === undefined ? null : Number(value)

  return {
    id: String(row.id),
    jobName: String(row.job_name),
    args: JSON.parse(String(row.args)),
    forked: Boolean(Number(row.forked)),
    state: row.state as JobState,
    attempts: Number(row.attempts),
    maxRetries: Number(row.max_retries),
    runAt: Number(row.run_at),
    claimToken: row.claim_token === null || row.claim_token === undefined ? null : String(row.claim_token),
    lastError: row.last_error === null || row.last_error === undefined ? null : String(row.last_error),
    lastErrorStack: row.last_error_stack === null || row.last_error_stack === undefined ? null : String(row.last_error_stack),
    createdAt: Number(row.created_at),
    completedAt: optionalNumber(row.completed_at)
  }
}

function isRetryableLockError(error: unknown): boolean {
  const text = `${(error as {message?: string})?.message || ""} ${String((error as {cause?: unknown})?.cause || "")}`

  return /deadlock|lock wait timeout|could not serialize|database is locked|SQLITE_BUSY/i.test(text)
}

function placeholders(count: number): string {
  return new Array(count).fill("?").join(", ")
}

/** Every read and write of background_jobs, so the main, workers, enqueuers and the test helper share one set of statements. */
export default class JobStore {
  readonly settings: BackgroundJobsSettings
  private readonly pool: BasePool
  /**
   * Tokens of claims that failed: the statement (or its COMMIT) may have reached the server with
   * only the answer lost, as when the database restarts under load. Those rows would otherwise
   * stay handed off to nobody until their lease runs out (2 h by default).
   */
  private readonly unsettledClaims = new Set<string>()

  static forConfiguration(configuration: Configuration): JobStore {
    return new JobStore({configuration})
  }

  constructor({configuration, ...rest}: {configuration: Configuration}) {
    const unknown = Object.keys(rest)

    if (unknown.length > 0) throw new Error(`Unknown JobStore options: ${unknown.join(", ")}`)

    this.settings = backgroundJobsSettings(configuration)
    this.pool = configuration.getDatabasePool(this.settings.databaseIdentifier)
  }

  /**
   * Every statement here is safe to repeat (claims roll back whole; reports are guarded by the
   * claim token), so a deadlock or lock timeout between mains is retried, not surfaced: a lost
   * completion would otherwise leave the job handed off until its lease runs out, and run it again.
   */
  private async withConnection<Result>(callback: (connection: BaseDriver) => Promise<Result>): Promise<Result> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.withConnection(async (connection) => {
          await ensureBackgroundJobsTable(connection)

          return await callback(connection)
        })
      } catch (error) {
        if (attempt >= 10 || !isRetryableLockError(error)) throw error
        await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10))
      }
    }
  }

  ensureTable(): Promise<void> {
    return this.withConnection(async () => undefined)
  }

  async insert({jobName, args, forked, maxRetries}: {jobName: string, args: string, forked: boolean, maxRetries: number}): Promise<string> {
    const id = randomUUID()
    const now = Date.now()

    await this.withConnection((connection) => connection.execute(
      `INSERT INTO ${jobsTable} (id, job_name, args, forked, state, attempts, max_retries, run_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
      [id, jobName, args, forked ? 1 : 0, maxRetries, now, now, now]
    ))

    return id
  }

  /**
   * Hands off up to `limit` due jobs to `claimedBy`. PostgreSQL and MariaDB lock the picked rows
   * with FOR UPDATE SKIP LOCKED, so mains (or anything else claiming) on other machines never
   * pick the same job; SQLite has one writer, so a single UPDATE ... RETURNING is already atomic.
   */
  async claim({limit, claimedBy, all = false}: {limit: number, claimedBy: string, all?: boolean}): Promise<StoredJob[]> {
    const now = Date.now()
    const token = randomUUID()
    const due = all ? Number.MAX_SAFE_INTEGER : now
    const set = "state = 'handed_off', claim_token = ?, claimed_by = ?, handed_off_at = ?, lease_expires_at = ?, updated_at = ?"
    const setParams = [token, claimedBy, now, now + this.settings.leaseMs, now]

    await this.releaseUnsettledClaims()

    try {
      return await this.claimWith(setParams, due, limit, set)
    } catch (error) {
      this.unsettledClaims.add(token)
      throw error
    }
  }

  /** Puts back rows a failed claim may have handed off; the token is this process's own, so nothing another claim took is touched. */
  private async releaseUnsettledClaims(): Promise<void> {
    if (this.unsettledClaims.size === 0) return

    const tokens = [...this.unsettledClaims]

    await this.withConnection((connection) => connection.execute(
      `UPDATE ${jobsTable} SET state = 'queued', claim_token = NULL, claimed_by = NULL, lease_expires_at = NULL, updated_at = ? WHERE state = 'handed_off' AND claim_token IN (${placeholders(tokens.length)})`,
      [Date.now(), ...tokens]
    ))
    for (const token of tokens) this.unsettledClaims.delete(token)
  }

  private claimWith(setParams: unknown[], due: number, limit: number, set: string): Promise<StoredJob[]> {
    return this.withConnection(async (connection) => {
      const dialect = connection.dialect()

      if (dialect === "sqlite") {
        const rows = await connection.query(
          `UPDATE ${jobsTable} SET ${set} WHERE id IN (SELECT id FROM ${jobsTable} WHERE state = 'queued' AND run_at <= ? ORDER BY run_at, created_at LIMIT ?) RETURNING ${columns}`,
          [...setParams, due, limit]
        )

        return rows.map(toJob)
      }

      if (dialect === "pgsql") {
        const rows = await connection.query(
          `UPDATE ${jobsTable} SET ${set} WHERE id IN (SELECT id FROM ${jobsTable} WHERE state = 'queued' AND run_at <= ? ORDER BY run_at, created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING ${columns}`,
          [...setParams, due, limit]
        )

        return rows.map(toJob)
      }

      // MariaDB has no UPDATE ... RETURNING and refuses LIMIT in an IN subquery: lock, then update the locked ids.
      // READ COMMITTED: no gap locks on the (state, run_at) range, which otherwise deadlock against enqueues and reports.
      await connection.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")

      return await connection.transaction(async () => {
        const picked = await connection.query<{id: string}>(
          `SELECT id FROM ${jobsTable} WHERE state = 'queued' AND run_at <= ? ORDER BY run_at, created_at LIMIT ? FOR UPDATE SKIP LOCKED`,
          [due, limit]
        )

        if (picked.length === 0) return []

        const ids = picked.map((row) => row.id)

        await connection.execute(`UPDATE ${jobsTable} SET ${set} WHERE id IN (${placeholders(ids.length)})`, [...setParams, ...ids])

        return (await connection.query(`SELECT ${columns} FROM ${jobsTable} WHERE id IN (${placeholders(ids.length)})`, ids)).map(toJob)
      })
    })
  }

  /** Marks claimed jobs done. The claim token guards against a late report for a job that was meanwhile re-queued. */
  async complete(jobs: {id: string, claimToken: string}[]): Promise<void> {
    if (jobs.length === 0) return

    const now = Date.now()
    const conditions = jobs.map(() => "(id = ? AND claim_token = ?)").join(" OR ")

    await this.withConnection((connection) => connection.execute(
      `UPDATE ${jobsTable} SET state = 'completed', completed_at = ?, updated_at = ?, lease_expires_at = NULL WHERE state = 'handed_off' AND (${conditions})`,
      [now, now, ...jobs.flatMap((job) => [job.id, job.claimToken])]
    ))
  }

  /** Records a failure: re-queued after the backoff while retries remain, `failed` after that. `immediate` skips the backoff (a lost worker, not a failing job). */
  async fail({job, error, stack, immediate = false}: {job: StoredJob, error: string, stack: string | null, immediate?: boolean}): Promise<JobState> {
    const now = Date.now()
    const retry = job.attempts + 1
    const state: JobState = retry <= job.maxRetries ? "queued" : "failed"
    const runAt = immediate ? now : now + Math.round(retryDelaySeconds(retry) * 1000 * this.settings.retryBackoffScale)

    await this.withConnection((connection) => connection.execute(
      `UPDATE ${jobsTable} SET state = ?, attempts = ?, run_at = ?, last_error = ?, last_error_stack = ?, lease_expires_at = NULL, updated_at = ? WHERE id = ? AND claim_token = ? AND state = 'handed_off'`,
      [state, retry, state === "queued" ? runAt : job.runAt, error, stack, now, job.id, job.claimToken]
    ))

    return state
  }

  /** Puts a claimed job back as it was, untouched (the test helper hands back what it will not run in this call). */
  async release(job: StoredJob): Promise<void> {
    await this.withConnection((connection) => connection.execute(
      `UPDATE ${jobsTable} SET state = 'queued', lease_expires_at = NULL, updated_at = ? WHERE id = ? AND claim_token = ? AND state = 'handed_off'`,
      [Date.now(), job.id, job.claimToken]
    ))
  }

  /** Jobs handed off whose lease ran out (their worker or main died, or the job hangs): re-queued while retries remain, failed otherwise. */
  async requeueOrphans(): Promise<number> {
    const now = Date.now()
    const message = "Orphaned: not reported back within the lease"

    return await this.withConnection(async (connection) => {
      const requeued = await connection.execute(
        `UPDATE ${jobsTable} SET state = 'queued', attempts = attempts + 1, run_at = ?, last_error = ?, lease_expires_at = NULL, updated_at = ? WHERE state = 'handed_off' AND lease_expires_at < ? AND attempts < max_retries`,
        [now, message, now, now]
      )
      const failed = await connection.execute(
        `UPDATE ${jobsTable} SET state = 'failed', attempts = attempts + 1, last_error = ?, lease_expires_at = NULL, updated_at = ? WHERE state = 'handed_off' AND lease_expires_at < ?`,
        [message, now, now]
      )

      return requeued.affectedRows + failed.affectedRows
    })
  }

  async find(id: string): Promise<StoredJob | undefined> {
    const rows = await this.withConnection((connection) => connection.query(`SELECT ${columns} FROM ${jobsTable} WHERE id = ?`, [id]))

    return rows[0] ? toJob(rows[0]) : undefined
  }

  async list({state}: {state?: JobState} = {}): Promise<StoredJob[]> {
    const rows = await this.withConnection((connection) => state
      ? connection.query(`SELECT ${columns} FROM ${jobsTable} WHERE state = ? ORDER BY created_at, id`, [state])
      : connection.query(`SELECT ${columns} FROM ${jobsTable} ORDER BY created_at, id`))

    return rows.map(toJob)
  }

  async countsByState(): Promise<Record<JobState, number>> {
    const rows = await this.withConnection((connection) => connection.query<{state: string, count: unknown}>(`SELECT state, COUNT(*) AS count FROM ${jobsTable} GROUP BY state`))
    const counts: Record<JobState, number> = {queued: 0, handed_off: 0, completed: 0, failed: 0}

    for (const row of rows) counts[row.state as JobState] = Number(row.count)

    return counts
  }

  /** Removes jobs, all of them or those in one state (the test helper's clear, and tidying completed rows). */
  async delete({state}: {state?: JobState} = {}): Promise<void> {
    await this.withConnection((connection) => state
      ? connection.execute(`DELETE FROM ${jobsTable} WHERE state = ?`, [state])
      : connection.execute(`DELETE FROM ${jobsTable}`))
  }
}
