import type pg from "pg"
import {LruCache} from "../base/lru-cache.js"
import {pgsqlSchemaGeneration} from "./pgsql-schema-generation.js"
import {PgsqlStatementCloser} from "./pgsql-statement-closer.js"
import {isPreparableStatement} from "./pgsql-statement-kind.js"

export const defaultPgsqlStatementCacheSize = 1000

/**
 * The server-side prepared statements of one PostgreSQL session: SQL text → statement name, so a
 * statement run again skips PostgreSQL's parsing (and planning, once it settles on a generic plan).
 * One per pg client, so a reconnect starts empty.
 *
 * Names are never reused (`velocious_1`, `velocious_2`, ...): pg refuses one name with two texts,
 * and a fresh name per text means its bookkeeping never has to be told a name changed meaning.
 * Past `limit` the least recently used ones are closed on the server, a batch at a time: each
 * close is a round trip the next statement waits behind, so closing one per new statement would
 * double the cost of every miss in an app whose distinct statements outnumber the cache.
 */
export class PgsqlPreparedStatements {
  // null: seen, but not a statement worth preparing (the lookup still answers in one step).
  private names: LruCache<string, string | null>
  private counter = 0
  private schemaGeneration = pgsqlSchemaGeneration()
  private toClose: string[] = []
  private closeBatchSize: number

  constructor(private client: pg.Client, limit: number) {
    this.names = new LruCache(limit, (name) => { if (name !== null) this.toClose.push(name) })
    this.closeBatchSize = Math.max(1, Math.floor(limit / 20))
  }

  /** The statement name to run `sql` under, or undefined to send it unnamed. */
  nameFor(sql: string): string | undefined {
    if (this.schemaGeneration !== pgsqlSchemaGeneration()) this.dropAll()

    const known = this.names.get(sql)

    if (known !== undefined) return known ?? undefined

    const name = isPreparableStatement(sql) ? `velocious_${++this.counter}` : null

    this.names.set(sql, name)
    if (this.toClose.length >= this.closeBatchSize) this.closeEvicted()

    return name ?? undefined
  }

  /**
   * Forgets every prepared statement and closes them on the server. `onClosed` runs once the
   * server has done so (or the session ended), for a caller that must not queue work before that.
   */
  dropAll(onClosed?: () => void): void {
    this.schemaGeneration = pgsqlSchemaGeneration()
    this.names.clear()
    this.closeEvicted(onClosed)
  }

  private closeEvicted(onClosed?: () => void): void {
    if (this.toClose.length === 0) {
      onClosed?.()

      return
    }

    const names = this.toClose

    this.toClose = []
    this.client.query(new PgsqlStatementCloser(names, onClosed))
  }
}
